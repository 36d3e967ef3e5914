/** Case-file schemas for mandates and capabilities. @module */
import { z } from "zod";
import { LEGAL_BASES, TASK_CATEGORIES, TASKINGS, type Capability, type Mandate } from "../domain/index.js";
import { CountrySchema, DaySchema, IdSchema, recordBase } from "./common.schema.js";

export const MandateSchema = z
  .strictObject({
    ...recordBase,
    body: IdSchema,
    mission: IdSchema,
    resolution: z.string().optional(),
    legalBasis: z.enum(LEGAL_BASES),
    tasks: z.array(z.strictObject({ text: z.string().min(1), category: z.enum(TASK_CATEGORIES) })),
    /** False when the source gives no tasks (then `tasks` may be empty). */
    tasksKnown: z.boolean().optional(),
    troopCeiling: z.number().int().positive().optional(),
    endedAt: DaySchema.optional(),
    deployedAt: DaySchema.optional(),
    country: CountrySchema.optional(),
  })
  // A mandate must list its tasks unless it says they are not known.
  .refine((m) => m.tasks.length > 0 || m.tasksKnown === false, {
    message: "tasks must not be empty unless tasksKnown is false",
    path: ["tasks"],
  }) satisfies z.ZodType<Mandate, unknown>;

export const CapabilitySchema = z.strictObject({
  ...recordBase,
  force: IdSchema,
  owner: IdSchema.optional(),
  size: z.number().int().positive().optional(),
  sizeApproximate: z.boolean().optional(),
  location: z.string().min(1),
  timeToReachHours: z.number().nonnegative().optional(),
  tasking: z.enum(TASKINGS),
  country: CountrySchema.optional(),
  summary: z.string().min(1),
  hypothetical: z.boolean().optional(),
}) satisfies z.ZodType<Capability, unknown>;
