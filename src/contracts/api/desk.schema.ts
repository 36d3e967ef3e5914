/** The answer of GET /api/cases/{caseId}/desk: the warning desk's live board (no contact address in it). @module */
import { z } from "zod";

const RecipientSchema = z.object({
  actor: z.string(),
  name: z.string(),
  delivery: z.enum(["delivered", "sending", "queued", "failed", "dead", "none"]),
  answer: z.enum(["answered", "refused", "silent", "awaiting"]),
  answeredAt: z.string().optional(),
});

const RequestSchema = z.object({
  action: z.string(),
  description: z.string(),
  dueAt: z.string(),
  status: z.string(),
  overdue: z.boolean(),
  escalatedTo: z.string().optional(),
});

export const DeskBoardSchema = z
  .object({
    caseId: z.string(),
    asOf: z.string(),
    warnings: z.array(
      z.object({
        warning: z.string(),
        summary: z.string(),
        sender: z.string(),
        sentAt: z.string(),
        origin: z.enum(["human", "engine"]),
        dueAt: z.string().optional(),
        open: z.boolean(),
        escalates: z.object({ warning: z.string(), action: z.string() }).optional(),
        requests: z.array(RequestSchema),
        recipients: z.array(RecipientSchema),
      }),
    ),
    overdue: z.array(
      z.object({
        warning: z.string(),
        action: z.string(),
        description: z.string(),
        dueAt: z.string(),
        daysOverdue: z.number().int(),
        addressees: z.array(z.string()),
        escalatedTo: z.string().optional(),
      }),
    ),
    deadLetters: z.array(
      z.object({
        id: z.string(),
        warning: z.string(),
        recipient: z.string(),
        name: z.string(),
        channel: z.string(),
        purpose: z.string(),
        attempts: z.number().int(),
      }),
    ),
    scorecard: z.array(
      z.object({
        actor: z.string(),
        name: z.string(),
        warned: z.number().int(),
        answeredInTime: z.number().int(),
        answeredLate: z.number().int(),
        refused: z.number().int(),
        silent: z.number().int(),
        awaiting: z.number().int(),
      }),
    ),
  })
  .meta({
    id: "DeskBoard",
    description:
      "the warnings issued through the desk, earliest due date first, with per-recipient delivery and answer, " +
      "overdue and escalated requests, dead letters and the live per-duty-bearer scorecard",
  });

export const AlertDraftsSchema = z
  .object({
    items: z.array(
      z.object({
        alert: z.string(),
        date: z.string(),
        level: z.string(),
        draft: z.looseObject({
          sender: z.string(),
          recipients: z.array(z.string()),
          summary: z.string(),
          requestedActions: z
            .array(
              z.looseObject({
                id: z.string(),
                kind: z.string(),
                description: z.string(),
                dueAt: z.string().optional(),
              }),
            )
            .optional(),
        }),
      }),
    ),
  })
  .meta({
    id: "AlertDrafts",
    description: "the warning each stored alert drafts (fromAlert of the issue route)",
  });
