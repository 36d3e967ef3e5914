/** Case-file schemas for tribunals and their cases. @module */
import { z } from "zod";
import { CASE_OUTCOMES, type Tribunal, type TribunalCase } from "../domain/index.js";
import { CountrySchema, DaySchema, IdSchema, recordBase } from "./common.schema.js";

const count = z.number().int().nonnegative().optional();

export const TribunalSchema = z.strictObject({
  ...recordBase,
  actor: IdSchema,
  name: z.string().min(1),
  establishedBy: IdSchema.optional(),
  instrument: z.string().optional(),
  mandate: z.strictObject({
    temporal: z.strictObject({ from: DaySchema, to: DaySchema }),
    territorial: z.array(CountrySchema).min(1),
    includesNeighbours: z.boolean().optional(),
    subjectMatter: z.array(z.string().min(1)).min(1),
  }),
  closedAt: DaySchema.optional(),
  budget: z.strictObject({ totalUsd: z.number().positive(), approximate: z.boolean() }).optional(),
  aggregates: z
    .strictObject({
      convicted: count,
      acquitted: count,
      judged: count,
      referred: count,
      withdrawn: count,
      died: count,
      fugitive: count,
    })
    .optional(),
}) satisfies z.ZodType<Tribunal, unknown>;

const duration = z.strictObject({ years: z.number().positive(), approximate: z.boolean() });

export const TribunalCaseSchema = z.strictObject({
  ...recordBase,
  tribunal: IdSchema,
  accused: IdSchema,
  side: IdSchema.optional(),
  charges: z.array(z.string().min(1)).default([]),
  arrestedAt: DaySchema.optional(),
  trialStartAt: DaySchema.optional(),
  firstJudgmentAt: DaySchema.optional(),
  finalJudgmentAt: DaySchema.optional(),
  outcome: z.enum(CASE_OUTCOMES),
  sentence: z.string().optional(),
  reportedDetention: z
    .strictObject({ beforeFirstJudgment: duration.optional(), beforeFinalJudgment: duration.optional() })
    .optional(),
}) satisfies z.ZodType<TribunalCase, unknown>;
