/** Case-file schema for statements. @module */
import { z } from "zod";
import type { Statement } from "../domain/index.js";
import { CountrySchema, IdSchema, recordBase } from "./common.schema.js";

export const StatementSchema = z.strictObject({
  ...recordBase,
  actor: IdSchema,
  language: z.string().regex(/^[a-z]{2,3}$/, "an ISO 639 language code such as en or fr"),
  text: z.string().optional(),
  summary: z.string().min(1),
  terms: z.array(z.string().min(1)).default([]),
  targetGroup: IdSchema.optional(),
  country: CountrySchema.optional(),
  refersTo: z.enum(["current", "past"]).optional(),
}) satisfies z.ZodType<Statement, unknown>;
