/** The evidence query of the HTTP API (`GET /api/cases/{caseId}/evidence`): its parameters and its page. @module */
import { z } from "zod";
import { ApiDaySchema } from "./query.schema.js";

const text = (description: string) => z.string().trim().min(1).max(200).meta({ description });

/** Which records: a situation, a criterion (one condition, optionally), a window of event days, a page. */
export const EvidenceQuerySchema = z
  .object({
    situation: text("the situation, as alerts name it (`CCC/group`, or `CCC/` then `*` for civilians)"),
    criterion: text("a criterion of the rulebook"),
    condition: text("one condition of the criterion (default: all)").optional(),
    from: ApiDaySchema.optional().meta({ description: "first event day (default: any time)" }),
    to: ApiDaySchema.meta({ description: "last event day; only what was known by then counts" }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .meta({ description: "records per page (1–1000)" }),
    cursor: z.string().max(64).optional().meta({ description: "the `nextCursor` of the previous page" }),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.from > q.to)
      ctx.addIssue({ code: "custom", path: ["from"], message: "from is after to" });
  });

const EvidenceRecordSchema = z
  .looseObject({
    record: z.string(),
    kind: z.string(),
    scope: z.string(),
    knownAt: z.string(),
    eventDay: z.string(),
    confidence: z.enum(["possible", "probable", "confirmed"]),
    grade: z.string().optional(),
    deaths: z.number(),
    civilianDeaths: z.number(),
    displaced: z.number(),
    conditions: z.array(z.string()),
    citations: z.array(z.looseObject({ source: z.string() })),
  })
  .meta({ id: "EvidenceRecord", description: "a record a criterion counts, as alerts cite it" });

/** One page of the records a criterion counts for a situation over a window. */
export const EvidencePageSchema = z
  .object({
    caseId: z.string(),
    situation: z.string(),
    criterion: z.string(),
    conditions: z.array(z.string()),
    from: z.string().nullable(),
    to: z.string(),
    total: z.number().int().meta({ description: "records found in all pages" }),
    records: z.array(EvidenceRecordSchema),
    nextCursor: z.string().nullable().meta({ description: "the next page's cursor; null on the last page" }),
  })
  .meta({ id: "EvidencePage", description: "the records behind an alert's condition, a page at a time" });
