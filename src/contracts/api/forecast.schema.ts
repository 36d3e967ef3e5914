/**
 * Response shapes of the forecast routes: run summaries (no params, no payload) and one run with its payload — the
 * `tocsin forecast` document with each country's previous probability, rank and change plus the big movers, or the
 * `tocsin backtest` document. Params (an ensemble's are megabytes) stay in the store.
 * @module
 */
import { z } from "zod";

export const ForecastRunSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(["forecast", "backtest"]),
    dataSha256: z.string().describe("SHA-256 of the data file the run was fitted and scored on"),
    model: z.string(),
    modelVersion: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "ForecastRunSummary", description: "a stored forecast or backtest run, without its results" });

export const ForecastRunListSchema = z
  .object({ items: z.array(ForecastRunSummarySchema) })
  .meta({ id: "ForecastRunList", description: "forecast and backtest runs, newest first" });

const DriverSchema = z.object({
  predictor: z.string(),
  contribution: z.number().describe("the predictor's share of the log-odds"),
});

const MoverSchema = z.object({
  ccode: z.number().int(),
  country: z.string(),
  p: z.number(),
  rank: z.number().int(),
  change: z
    .number()
    .nullable()
    .describe("p minus the previous base year's p; null when that year was not forecast"),
  previousP: z.number().nullable(),
  previousRank: z.number().int().nullable(),
});

/** A country's forecast; the change fields are absent from runs stored before they were recorded. */
export const CountryForecastSchema = z
  .object({
    ...MoverSchema.shape,
    change: MoverSchema.shape.change.optional(),
    previousP: MoverSchema.shape.previousP.optional(),
    previousRank: MoverSchema.shape.previousRank.optional(),
    drivers: z.array(DriverSchema),
  })
  .meta({ id: "CountryForecast" });

export const ForecastPayloadSchema = z
  .looseObject({
    baseYear: z.number().int(),
    horizon: z.number().int(),
    model: z.string(),
    forecasts: z.array(CountryForecastSchema),
    previousBaseYear: z.number().int().nullable().optional(),
    movers: z.array(MoverSchema).optional().describe("largest absolute changes since the previous base year"),
    notices: z
      .array(z.string())
      .optional()
      .describe("notes on the training set, e.g. a predictor constant in every training row"),
  })
  .meta({ id: "ForecastPayload", description: "the results of a forecast run, ranked" });

export const BacktestPayloadSchema = z
  .looseObject({ model: z.string(), horizon: z.number().int(), years: z.array(z.looseObject({})) })
  .meta({ id: "BacktestPayload", description: "per base year and pooled metrics of a backtest run" });

export const ForecastRunSchema = ForecastRunSummarySchema.extend({
  payload: z.union([ForecastPayloadSchema, BacktestPayloadSchema]),
}).meta({ id: "ForecastRun", description: "one run with its results (its fitted params stay in the store)" });
