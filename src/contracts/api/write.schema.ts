/** Bodies and answers of the write API (issue 15): cases, records, the case check, who is signed in, events. @module */
import { z } from "zod";
import { RECORD_FILES } from "../case.schema.js";
import { RECORD_KINDS, type RecordKind } from "../../domain/index.js";
import { DaySchema, IdSchema } from "../common.schema.js";
import { FieldProblemSchema } from "./problem.schema.js";

/** A kind in a write path: the record kind (`incident`, `tribunalCase`) or its case-folder name (`incidents`, `tribunal-cases`). */
export const WRITE_KIND_NAMES: Readonly<Record<string, RecordKind>> = Object.fromEntries([
  ...RECORD_KINDS.map((k) => [k, k] as const),
  ...RECORD_KINDS.map((k) => [RECORD_FILES[k].replace(/\.json$/u, ""), k] as const),
]);

export const WriteKindSchema = z
  .enum(Object.keys(WRITE_KIND_NAMES) as [string, ...string[]])
  .meta({ description: "record kind, singular (`incident`) or as its case-folder file (`incidents`)" });

export const WriteParamsSchema = z.object({ caseId: IdSchema, kind: WriteKindSchema });
export const WriteRecordParamsSchema = z.object({ caseId: IdSchema, kind: WriteKindSchema, id: IdSchema });

/** POST /api/cases. `end: null` is a live case, open-ended. */
export const CreateCaseBodySchema = z.strictObject({
  id: IdSchema,
  name: z.string().trim().min(1).max(300),
  period: z.strictObject({ start: DaySchema, end: DaySchema.nullable() }),
  description: z.string().max(10_000).optional(),
  region: z.string().trim().min(1).max(300).optional(),
  countries: z
    .array(z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code such as RWA"))
    .max(50)
    .optional(),
  settings: z.lazy(() => CaseSettingsBodySchema).optional(),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBodySchema>;

/**
 * A case's settings. `autoIssueWarnings` (default false): an alert of the live assessment is issued as a warning
 * to its duty-bearers at once instead of staying a proposal for an analyst to review.
 */
export const CaseSettingsBodySchema = z.strictObject({ autoIssueWarnings: z.boolean() });

/** A record body: the case-folder record of its kind, plus `backfillReason` when `knownAt` is backdated. */
export const RecordBodySchema = z.record(z.string(), z.unknown()).meta({
  description:
    "the record as in the case-folder contract of its kind (see the JSON Schemas under cases/schema); `knownAt` " +
    "defaults to today; a `knownAt` more than a day back needs `backfillReason`",
});

/** The answer of a create or an update. */
export const WriteResultSchema = z.object({
  record: z.record(z.string(), z.unknown()),
  version: z.string(),
});

/** GET /api/cases/{caseId}/check. */
export const CaseCheckSchema = z.object({ problems: z.array(FieldProblemSchema) });

/** GET /auth/me. */
export const MeSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  expiresAt: z.string().nullable(),
});

/** The data of an `event: record` server-sent event. */
export const RecordEventSchema = z.object({
  caseId: z.string(),
  kind: z.string(),
  id: z.string(),
  version: z.string().nullable(),
  op: z.enum(["create", "update", "delete"]),
});
