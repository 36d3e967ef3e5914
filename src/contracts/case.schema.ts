/**
 * The case folder contract: the manifest schema, the file that holds each record kind, and the schema of each.
 * @module
 */
import { z } from "zod";
import {
  CASE_FORMAT_VERSIONS,
  type CaseFormatVersion,
  type CaseManifest,
  type RecordKind,
} from "../domain/index.js";
import { ActorSchema, GroupSchema } from "./actor.schema.js";
import { CountrySchema, DaySchema, IdSchema } from "./common.schema.js";
import { IncidentSchema } from "./incident.schema.js";
import { CapabilitySchema, MandateSchema } from "./mandate.schema.js";
import { ReportSchema } from "./report.schema.js";
import { SourceSchema } from "./source.schema.js";
import { StatementSchema } from "./statement.schema.js";
import { TribunalCaseSchema, TribunalSchema } from "./tribunal.schema.js";
import { CommitmentSchema, ResponseSchema, WarningSchema } from "./warning.schema.js";

export const CaseManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  id: IdSchema,
  title: z.string().min(1),
  region: z.string().min(1),
  countries: z.array(CountrySchema).min(1),
  period: z.strictObject({ from: DaySchema, to: DaySchema }),
  description: z.string().optional(),
  sides: z.array(z.strictObject({ id: IdSchema, name: z.string().min(1) })).default([]),
  escalationChain: z.array(z.string().min(1)).default([]),
  languages: z.array(z.string()).optional(),
  evaluation: z
    .strictObject({
      onset: DaySchema.optional(),
      onsetGroup: IdSchema.optional(),
      onsetCountry: CountrySchema.optional(),
      control: z.boolean().optional(),
      persecutionKnown: DaySchema.optional(),
      massAtrocityKnown: DaySchema.optional(),
      notes: z.string().optional(),
    })
    .refine((e) => !(e.control === true && e.onset !== undefined), {
      message: "a control case has no onset (no mass atrocity followed)",
      path: ["onset"],
    })
    .optional(),
  version: z.string().optional(),
  formatVersion: z
    .number()
    .refine((v) => (CASE_FORMAT_VERSIONS as readonly number[]).includes(v), {
      message: `this Tocsin reads case formats ${CASE_FORMAT_VERSIONS.join(" and ")}`,
    })
    .transform((v) => v as CaseFormatVersion)
    .optional()
    .meta({ description: "the case-folder format (1 when absent); fields of format 2 need 2" }),
});

/** The manifest with `$schema` removed, as the domain sees it. */
export function toManifest(m: z.infer<typeof CaseManifestSchema>): CaseManifest {
  const { $schema: _ignored, ...rest } = m;
  return rest;
}

/** The file in a case folder that holds each kind of record (a JSON array). */
export const RECORD_FILES: Readonly<Record<RecordKind, string>> = {
  actor: "actors.json",
  group: "groups.json",
  source: "sources.json",
  incident: "incidents.json",
  report: "reports.json",
  warning: "warnings.json",
  response: "responses.json",
  commitment: "commitments.json",
  mandate: "mandates.json",
  capability: "capabilities.json",
  statement: "statements.json",
  tribunal: "tribunals.json",
  tribunalCase: "tribunal-cases.json",
};

/** The schema of each record kind. */
export const RECORD_SCHEMAS = {
  actor: ActorSchema,
  group: GroupSchema,
  source: SourceSchema,
  incident: IncidentSchema,
  report: ReportSchema,
  warning: WarningSchema,
  response: ResponseSchema,
  commitment: CommitmentSchema,
  mandate: MandateSchema,
  capability: CapabilitySchema,
  statement: StatementSchema,
  tribunal: TribunalSchema,
  tribunalCase: TribunalCaseSchema,
} as const satisfies Record<RecordKind, z.ZodType>;
