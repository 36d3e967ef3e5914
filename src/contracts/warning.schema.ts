/** Case-file schemas for warnings, responses and commitments. @module */
import { z } from "zod";
import {
  ACTION_KINDS,
  ATROCITY_CRIMES,
  CHANNELS,
  REFUSAL_REASONS,
  RESPONSE_KINDS,
  type Commitment,
  type Response,
  type Warning,
} from "../domain/index.js";
import { CountrySchema, DaySchema, IdSchema, recordBase } from "./common.schema.js";

export const RequestedActionSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(ACTION_KINDS),
  description: z.string().min(1),
  addressees: z.array(IdSchema).optional(),
  dueAt: DaySchema.optional(),
  dueAtAssumed: z.boolean().optional(),
});

export const WarningSchema = z.strictObject({
  ...recordBase,
  sender: IdSchema,
  recipients: z.array(IdSchema).min(1),
  channel: z.enum(CHANNELS),
  summary: z.string().min(1),
  targetGroup: IdSchema.optional(),
  country: CountrySchema.optional(),
  requestedActions: z.array(RequestedActionSchema).default([]),
  evidence: z.array(IdSchema).default([]),
  origin: z.enum(["human", "engine"]).default("human"),
  /** Case format 2: which atrocity crimes the sender warns of, and whether it says they are imminent. */
  risk: z
    .strictObject({ crimes: z.array(z.enum(ATROCITY_CRIMES)).optional(), imminent: z.boolean().optional() })
    .optional(),
}) satisfies z.ZodType<Warning, unknown>;

export const ResponseSchema = z
  .strictObject({
    ...recordBase,
    actor: IdSchema,
    kind: z.enum(RESPONSE_KINDS),
    summary: z.string().min(1),
    warning: IdSchema.optional(),
    requestedAction: IdSchema.optional(),
    refusalReason: z.enum(REFUSAL_REASONS).optional(),
    extent: z.enum(["full", "partial"]).optional(),
    targetGroup: IdSchema.optional(),
    country: CountrySchema.optional(),
  })
  .refine((r) => r.kind !== "refusal" || r.refusalReason !== undefined, {
    message: "a refusal names its reason (mandate, neutrality, resources, sovereignty, political, other)",
    path: ["refusalReason"],
  })
  .refine((r) => r.requestedAction === undefined || r.warning !== undefined, {
    message: "a response to a requested action also names its warning",
    path: ["warning"],
  }) satisfies z.ZodType<Response, unknown>;

export const CommitmentSchema = z.strictObject({
  ...recordBase,
  actor: IdSchema,
  kind: z.enum(["threat", "promise", "conditional"]),
  measure: z.string().min(1),
  addressee: IdSchema.optional(),
  followUpDue: DaySchema.optional(),
  followUpDueAssumed: z.boolean().optional(),
  delivered: z.boolean().nullable(),
  deliveredAt: DaySchema.optional(),
  deliveredBy: IdSchema.optional(),
}) satisfies z.ZodType<Commitment, unknown>;
