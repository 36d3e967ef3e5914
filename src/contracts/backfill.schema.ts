/** The backfill marks an exported case folder keeps in `provenance/backfills.json` (docs/case-format.md). @module */
import { z } from "zod";
import { RECORD_KINDS } from "../domain/index.js";
import { IdSchema } from "./common.schema.js";

/** One mark: a record entered with a past `knownAt`, the stated reason and when it was entered. */
export const BackfillMarkSchema = z.strictObject({
  kind: z.enum(RECORD_KINDS),
  id: IdSchema,
  reason: z.string().trim().min(1, "a backfill mark states its reason"),
  enteredAt: z.iso.datetime({
    offset: true,
    message: "enteredAt is an ISO time such as 2031-05-01T10:00:00Z",
  }),
});
export type BackfillMarkInput = z.infer<typeof BackfillMarkSchema>;

export const BackfillMarksSchema = z.array(BackfillMarkSchema);
