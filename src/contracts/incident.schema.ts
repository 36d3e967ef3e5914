/** Case-file schema for incidents. @module */
import { z } from "zod";
import { ACT_TYPES, INVOLVEMENT, type Incident } from "../domain/index.js";
import { CountrySchema, EstimateSchema, IdSchema, recordBase } from "./common.schema.js";

export const PlaceSchema = z.strictObject({
  country: CountrySchema,
  admin1: z.string().optional(),
  admin2: z.string().optional(),
  name: z.string().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  geoPrecision: z.number().int().min(1).max(7).optional(),
});

export const IncidentSchema = z.strictObject({
  ...recordBase,
  summary: z.string().min(1),
  acts: z.array(z.enum(ACT_TYPES)).min(1),
  place: PlaceSchema,
  perpetrators: z.array(IdSchema).default([]),
  targetGroup: IdSchema.optional(),
  /** Case format 2: every group targeted, when there are several. */
  targetGroups: z.array(IdSchema).min(1).optional(),
  targets: z.array(IdSchema).optional(),
  fatalities: EstimateSchema.optional(),
  civilianFatalities: EstimateSchema.optional(),
  detained: EstimateSchema.optional(),
  displaced: EstimateSchema.optional(),
  injured: EstimateSchema.optional(),
  sexualViolence: EstimateSchema.optional(),
  organised: z.enum(INVOLVEMENT).default("unknown"),
  stateInvolvement: z.enum(INVOLVEMENT).default("unknown"),
  /** This record summarises N events (an imported aggregate); absent means one. */
  eventCount: z.number().int().min(1).max(10_000_000).optional(),
}) satisfies z.ZodType<Incident, unknown>;
