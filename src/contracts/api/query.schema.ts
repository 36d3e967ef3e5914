/** Request parameters of the HTTP API: path ids, date filters and pagination, validated before any handler runs. @module */
import { z } from "zod";
import { RECORD_KINDS } from "../../domain/index.js";
import { DaySchema, IdSchema } from "../common.schema.js";

/** A record or case id in a path or query. */
export const ApiIdSchema = IdSchema.meta({
  description: "a stable id (lower-case letters, digits, '.', '-', '_')",
});

/** A day filter `YYYY-MM-DD` in a query string. */
export const ApiDaySchema = DaySchema.meta({ description: "a calendar day YYYY-MM-DD" });

export const RecordKindSchema = z
  .enum(RECORD_KINDS)
  .meta({ id: "RecordKind", description: "kind of record" });

export const CaseParamsSchema = z.object({ caseId: ApiIdSchema });
export const KindParamsSchema = z.object({ kind: RecordKindSchema });
export const RecordParamsSchema = z.object({ kind: RecordKindSchema, id: ApiIdSchema });
export const RunParamsSchema = z.object({ runId: ApiIdSchema });

/** `limit` and `offset`; at most 500 items a page so one request cannot ask for the whole store. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: "items per page (1–500)" }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).meta({ description: "items to skip" }),
});

/** A from/to day window; `from` must not be after `to`. */
const window = {
  from: ApiDaySchema.optional(),
  to: ApiDaySchema.optional(),
};

function fromNotAfterTo(
  q: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "from is after to" });
  }
}

/** Filters of a record list: case, actor, a date window on `occurredAt`, free text, and a page. */
export const ListRecordsQuerySchema = z
  .object({
    case: ApiIdSchema.optional().meta({ description: "only records of this case" }),
    actor: ApiIdSchema.optional().meta({ description: "only records involving this actor" }),
    ...window,
    text: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "words the record's text contains" }),
    ...PageQuerySchema.shape,
  })
  .superRefine(fromNotAfterTo);
export type ListRecordsQuery = z.infer<typeof ListRecordsQuerySchema>;

/** The case a record belongs to, when ids are only unique within a case. */
export const RecordQuerySchema = z.object({ case: ApiIdSchema.optional() });

/** A date window for a timeline. */
export const TimelineQuerySchema = z.object({ ...window }).superRefine(fromNotAfterTo);

/** "As of" a day: only what was known then. */
export const AsOfQuerySchema = z.object({
  asOf: ApiDaySchema.optional().meta({ description: "use only records known on or before this day" }),
});
