/**
 * Rolling-origin backtest: for each base year, fit on the years the rule allows and score that year only, so every
 * number is out of sample. Per year: AUC, Brier, Brier skill against the training base rate, onsets in the top 30;
 * pooled over years with a DeLong 95% interval for the AUC.
 * @module
 */
import type { CountryYearTable, Horizon } from "../data/country-year.js";
import { auc } from "../metrics/auc.js";
import { delongAuc } from "../metrics/auc-delong.js";
import { brier, brierSkill } from "../metrics/brier.js";
import { topK } from "../metrics/top-k.js";
import type { ForecastModel } from "../models/model.js";
import { ForecastError } from "./forecast-error.js";
import { fitYear } from "./fit-year.js";
import { prepareYear, type PreparedYear } from "./prepare-year.js";

/** One base year's result. */
export interface BacktestYear {
  readonly baseYear: number;
  readonly n: number;
  readonly onsets: number;
  readonly auc: number | null;
  readonly brier: number | null;
  readonly brierSkill: number | null;
  readonly top30: number;
  readonly trainRows: number;
  readonly trainPositives: number;
}

/** Pooled result. */
export interface BacktestPooled {
  readonly n: number;
  readonly onsets: number;
  readonly auc: number | null;
  readonly aucLow: number | null;
  readonly aucHigh: number | null;
  readonly brier: number | null;
  readonly brierSkill: number | null;
  readonly top30: number;
}

/** A backtest report; `predictions` keeps every scored row for pooled analysis. */
export interface BacktestReport {
  readonly model: string;
  readonly modelVersion: string;
  readonly horizon: Horizon;
  readonly years: readonly BacktestYear[];
  readonly pooled: BacktestPooled;
  readonly predictions: {
    readonly row: number;
    readonly baseYear: number;
    readonly p: number;
    readonly y: number;
    readonly baseRate: number;
  }[];
  /** Notes on the training sets (predictors constant in a year's training rows). */
  readonly notices: readonly string[];
}

/** Onsets counted in the top of each year's ranking (EWP's yardstick). */
export const TOP_K = 30;

/**
 * Run the backtest for base years `from`..`to`. Rows whose outcome is unknown are not scored. Seeds: the base year.
 * Throws ForecastError (via prepareYear) when a year cannot be fitted, and `no_known_outcome` naming every base
 * year none of whose rows has a known outcome at this horizon (such a year could not be scored), before fitting.
 * @example rollingBacktest(table, elasticNetModel, { from: 1993, to: 2013, horizon: 2 }).pooled.auc
 */
export function rollingBacktest(
  table: CountryYearTable,
  model: ForecastModel,
  opts: {
    readonly from: number;
    readonly to: number;
    readonly horizon: Horizon;
    readonly onYear?: (y: BacktestYear) => void;
  },
): BacktestReport {
  const years: BacktestYear[] = [];
  const predictions: { row: number; baseYear: number; p: number; y: number; baseRate: number }[] = [];
  const prepared: PreparedYear[] = [];
  for (let year = opts.from; year <= opts.to; year++) prepared.push(prepareYear(table, year, opts.horizon));
  const unknown = prepared.filter((p) => p.scoreY.every(Number.isNaN)).map((p) => p.baseYear);
  if (unknown.length > 0) {
    throw new ForecastError(
      `base year${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")} ha${unknown.length > 1 ? "ve" : "s"} no ` +
        `known outcome at horizon ${opts.horizon}: nothing to score; choose base years whose outcome ` +
        `${opts.horizon} year(s) ahead is in the data`,
      "no_known_outcome",
    );
  }
  for (const prep of prepared) {
    const year = prep.baseYear;
    const params = fitYear(model, prep);
    const p = model.score(params, prep.scoreX, prep.scoreRows.length);
    const baseRate = prep.positives / prep.train.n;
    const keep: number[] = [];
    for (let t = 0; t < p.length; t++) if (!Number.isNaN(prep.scoreY[t]!)) keep.push(t);
    const pk = Float64Array.from(keep, (t) => p[t]!);
    const yk = Float64Array.from(keep, (t) => prep.scoreY[t]!);
    for (let t = 0; t < keep.length; t++) {
      predictions.push({ row: prep.scoreRows[keep[t]!]!, baseYear: year, p: pk[t]!, y: yk[t]!, baseRate });
    }
    const res: BacktestYear = {
      baseYear: year,
      n: keep.length,
      onsets: yk.reduce((a, b) => a + b, 0),
      auc: auc(pk, yk),
      brier: brier(pk, yk),
      brierSkill: brierSkill(pk, new Float64Array(pk.length).fill(baseRate), yk),
      top30: topK(pk, yk, TOP_K),
      trainRows: prep.train.n,
      trainPositives: prep.positives,
    };
    years.push(res);
    opts.onYear?.(res);
  }
  return {
    model: model.name,
    modelVersion: model.version,
    horizon: opts.horizon,
    years,
    pooled: pool(years, predictions),
    predictions,
    notices: prepared.flatMap((p) => p.notices),
  };
}

function pool(
  years: readonly BacktestYear[],
  preds: readonly { p: number; y: number; baseRate: number }[],
): BacktestPooled {
  const p = Float64Array.from(preds, (r) => r.p);
  const y = Float64Array.from(preds, (r) => r.y);
  const ref = Float64Array.from(preds, (r) => r.baseRate);
  const ci = delongAuc(p, y);
  return {
    n: preds.length,
    onsets: y.reduce((a, b) => a + b, 0),
    auc: ci?.auc ?? auc(p, y),
    aucLow: ci?.low ?? null,
    aucHigh: ci?.high ?? null,
    brier: brier(p, y),
    brierSkill: brierSkill(p, ref, y),
    top30: years.reduce((a, r) => a + r.top30, 0),
  };
}
