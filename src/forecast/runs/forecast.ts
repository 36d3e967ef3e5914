/**
 * A forecast for one base year: fit by EWP's rule, score every complete country-year of the base year, rank,
 * explain each country's top drivers and compare with the previous base year's forecast ("big movers").
 * @module
 */
import type { CountryYearTable, Horizon } from "../data/country-year.js";
import { rankOrder } from "../metrics/top-k.js";
import type { ForecastModel, ModelParams } from "../models/model.js";
import { ForecastError } from "./forecast-error.js";
import { fitYear } from "./fit-year.js";
import { type PreparedYear, prepareYear } from "./prepare-year.js";

/** One predictor's share of a country's log-odds. */
export interface Driver {
  readonly predictor: string;
  readonly contribution: number;
}

/** One country's forecast. */
export interface CountryForecast {
  readonly ccode: number;
  readonly country: string;
  readonly p: number;
  readonly rank: number;
  /** Probability change since the previous base year's forecast; null when that year could not be forecast. */
  readonly change: number | null;
  /** The previous base year's probability and rank (null when that year or this country was not forecast). */
  readonly previousP: number | null;
  readonly previousRank: number | null;
  readonly drivers: readonly Driver[];
}

/** The whole forecast. */
export interface ForecastResult {
  readonly baseYear: number;
  readonly horizon: Horizon;
  readonly model: string;
  readonly modelVersion: string;
  readonly params: ModelParams;
  readonly train: {
    readonly rows: number;
    readonly positives: number;
    readonly fromYear: number;
    readonly toYear: number;
  };
  readonly forecasts: readonly CountryForecast[];
  /** The base year the changes are measured from (Y − 1), or null when it could not be forecast. */
  readonly previousBaseYear: number | null;
  /** Largest absolute changes since the previous base year, biggest first. */
  readonly movers: readonly CountryForecast[];
  /** Notes on the training set (predictors constant in it), for stderr and the stored run. */
  readonly notices: readonly string[];
}

/** Options; `drivers` is how many top contributions to keep per country (default 3). */
export interface ForecastOptions {
  readonly baseYear: number;
  readonly horizon: Horizon;
  readonly drivers?: number;
  readonly movers?: number;
}

/**
 * Run the forecast. Seeds: the base year (so a rerun gives the same params). Throws ForecastError on bad input.
 * @example runForecast(table, elasticNetModel, { baseYear: 2015, horizon: 2 }).forecasts[0].rank // 1
 */
export function runForecast(
  table: CountryYearTable,
  model: ForecastModel,
  opts: ForecastOptions,
): ForecastResult {
  const prep = prepareYear(table, opts.baseYear, opts.horizon);
  const { params, p } = fitAndScore(model, prep);
  const previous = previousYear(table, model, opts);
  const order = rankOrder(p);
  const k = opts.drivers ?? 3;
  const np = table.predictors.length;
  const forecasts: CountryForecast[] = order.map((t, r) => {
    const row = prep.scoreRows[t]!;
    const contrib = model.explain(params, prep.scoreX.subarray(t * np, (t + 1) * np));
    const drivers = Array.from(contrib, (c, j) => ({ predictor: table.predictors[j]!, contribution: c }))
      .filter((d) => d.contribution !== 0)
      .sort(
        (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.predictor < b.predictor ? -1 : 1),
      )
      .slice(0, k);
    const ccode = table.ccode[row]!;
    const before = previous?.get(ccode);
    return {
      ccode,
      country: table.country[row]!,
      p: p[t]!,
      rank: r + 1,
      change: before === undefined ? null : p[t]! - before.p,
      previousP: before?.p ?? null,
      previousRank: before?.rank ?? null,
      drivers,
    };
  });
  const movers = forecasts
    .filter((f) => f.change !== null)
    .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!) || a.rank - b.rank)
    .slice(0, opts.movers ?? 10);
  return {
    baseYear: opts.baseYear,
    horizon: opts.horizon,
    model: model.name,
    modelVersion: model.version,
    params,
    train: { rows: prep.train.n, positives: prep.positives, fromYear: prep.fromYear, toYear: prep.toYear },
    forecasts,
    previousBaseYear: previous === null ? null : opts.baseYear - 1,
    movers,
    notices: prep.notices,
  };
}

function fitAndScore(model: ForecastModel, prep: PreparedYear): { params: ModelParams; p: Float64Array } {
  const params = fitYear(model, prep);
  const p = model.score(params, prep.scoreX, prep.scoreRows.length);
  for (let t = 0; t < p.length; t++) {
    // A model bug, not bad input: never hand out NaN probabilities.
    if (!Number.isFinite(p[t]!)) throw new Error(`${model.name} produced a non-finite probability`);
  }
  return { params, p };
}

// The previous base year's probability and rank by country code, or null when that year cannot be forecast.
function previousYear(
  table: CountryYearTable,
  model: ForecastModel,
  opts: ForecastOptions,
): Map<number, { readonly p: number; readonly rank: number }> | null {
  let prep: PreparedYear;
  let p: Float64Array;
  try {
    prep = prepareYear(table, opts.baseYear - 1, opts.horizon);
    p = fitAndScore(model, prep).p;
  } catch (e) {
    if (e instanceof ForecastError) return null;
    throw e;
  }
  const out = new Map<number, { p: number; rank: number }>();
  rankOrder(p).forEach((t, r) => out.set(table.ccode[prep.scoreRows[t]!]!, { p: p[t]!, rank: r + 1 }));
  return out;
}
