/** Case-file schema for reports. @module */
import { z } from "zod";
import {
  ATROCITY_CRIMES,
  CRIME_FINDINGS,
  FINDING_TAGS,
  QUALIFICATIONS,
  type Report,
} from "../domain/index.js";
import { CountrySchema, IdSchema, recordBase } from "./common.schema.js";

/** What a report finds about one atrocity crime. */
export const CrimeAssessmentSchema = z.strictObject({
  crime: z.enum(ATROCITY_CRIMES),
  finding: z.enum(CRIME_FINDINGS),
  ongoing: z.boolean().optional(),
});

export const ReportSchema = z.strictObject({
  ...recordBase,
  title: z.string().min(1),
  authors: z.array(IdSchema).min(1),
  targetGroup: IdSchema.optional(),
  country: CountrySchema.optional(),
  findings: z.array(
    z.strictObject({ text: z.string().min(1), tags: z.array(z.enum(FINDING_TAGS)).default([]) }),
  ),
  qualification: z.enum(QUALIFICATIONS),
  recommendations: z.array(
    z.strictObject({
      text: z.string().min(1),
      addressees: z.array(IdSchema).optional(),
      strength: z.enum(["strong", "moderate", "weak"]),
    }),
  ),
  mentionsGenocideRisk: z.boolean(),
  coversIncidents: z.array(IdSchema).optional(),
  /** Case format 2: what the report finds about each atrocity crime. */
  crimes: z.array(CrimeAssessmentSchema).optional(),
}) satisfies z.ZodType<Report, unknown>;
