/** The body of POST /api/cases/{caseId}/warnings/issue (and `tocsin warning issue --json-file`). @module */
import { z } from "zod";
import { ATROCITY_CRIMES, CHANNELS } from "../../domain/index.js";
import { CountrySchema, IdSchema } from "../common.schema.js";
import { RequestedActionSchema } from "../warning.schema.js";

export const IssueWarningSchema = z.strictObject({
  /** Pre-fill from a stored engine alert (its playbook's recipients and actions); the fields given here win. */
  fromAlert: z.string().min(1).optional(),
  id: IdSchema.optional(),
  /** An actor of the case (the engine's sender when drafted from an alert). */
  sender: IdSchema.optional(),
  recipients: z.array(IdSchema).min(1).optional(),
  summary: z.string().min(1).max(2000).optional(),
  channel: z.enum(CHANNELS).optional(),
  requestedActions: z.array(RequestedActionSchema).optional(),
  evidence: z.array(IdSchema).optional(),
  targetGroup: IdSchema.optional(),
  country: CountrySchema.optional(),
  risk: z
    .strictObject({ crimes: z.array(z.enum(ATROCITY_CRIMES)).optional(), imminent: z.boolean().optional() })
    .optional(),
  notes: z.string().optional(),
});
export type IssueWarningBody = z.infer<typeof IssueWarningSchema>;
