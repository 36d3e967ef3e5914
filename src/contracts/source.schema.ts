/** Case-file schema for sources, with their Admiralty grading and protected identity. @module */
import { z } from "zod";
import type { CREDIBILITY } from "../domain/index.js";
import { RELIABILITY, SOURCE_KINDS, type Source } from "../domain/index.js";
import { DaySchema, recordBase } from "./common.schema.js";

export const ProtectedIdentitySchema = z.strictObject({
  name: z.string().optional(),
  contact: z.string().optional(),
  exactPlace: z.string().optional(),
  device: z.string().optional(),
  description: z.string().optional(),
});

export const SourceSchema = z
  .strictObject({
    ...recordBase,
    kind: z.enum(SOURCE_KINDS),
    title: z.string().min(1),
    author: z.string().optional(),
    publishedAt: DaySchema.optional(),
    url: z.string().url().optional(),
    reliability: z.enum(RELIABILITY, { message: "reliability is a letter A–F (Admiralty scale)" }),
    credibility: z
      .number()
      .int()
      .refine((n): n is (typeof CREDIBILITY)[number] => n >= 1 && n <= 6, {
        message: "credibility is a number 1–6 (Admiralty scale)",
      }),
    confidential: z.boolean().default(false),
    protectedIdentity: ProtectedIdentitySchema.optional(),
    licence: z.string().optional(),
    attribution: z.string().optional(),
  })
  .refine((s) => s.confidential || s.protectedIdentity === undefined, {
    message: "protectedIdentity is only allowed on a confidential source",
    path: ["protectedIdentity"],
  }) satisfies z.ZodType<Source, unknown>;
