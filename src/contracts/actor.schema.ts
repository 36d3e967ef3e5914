/** Case-file schemas for actors and protected groups. @module */
import { z } from "zod";
import { ACTOR_KINDS, ACTOR_ROLES, GROUP_KINDS, type Actor, type ProtectedGroup } from "../domain/index.js";
import { CountrySchema, DaySchema, EstimateSchema, IdSchema, recordBase } from "./common.schema.js";

export const ActorSchema = z.strictObject({
  ...recordBase,
  kind: z.enum(ACTOR_KINDS),
  name: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  memberOf: IdSchema.optional(),
  side: IdSchema.optional(),
  country: CountrySchema.optional(),
  dutyBearer: z.boolean().default(false),
  roles: z.array(z.enum(ACTOR_ROLES)).default([]),
  /** Case format 2: roles held only for a period. */
  periodRoles: z
    .array(
      z
        .strictObject({ role: z.enum(ACTOR_ROLES), from: DaySchema, to: DaySchema.optional() })
        .refine((p) => p.to === undefined || p.from <= p.to, {
          message: "a period role ends before it starts",
          path: ["to"],
        }),
    )
    .optional(),
}) satisfies z.ZodType<Actor, unknown>;

export const GroupSchema = z.strictObject({
  ...recordBase,
  name: z.string().min(1),
  kind: z.enum(GROUP_KINDS),
  countries: z.array(CountrySchema).min(1),
  population: EstimateSchema.optional(),
}) satisfies z.ZodType<ProtectedGroup, unknown>;
