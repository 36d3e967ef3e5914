/**
 * One base year ready to fit and score: the training set by EWP's rule, the rows to score and checks that make a
 * bad request fail with a clear message instead of NaN probabilities.
 * @module
 */
import { type CountryYearTable, type Horizon, yearRange } from "../data/country-year.js";
import { columnMajor, pick, rowMajor, splitRows } from "../data/training-rows.js";
import type { TrainingSet } from "../models/model.js";
import { ForecastError } from "./forecast-error.js";

/** Minimum positives (and negatives) in a training set: one per cross-validation fold. */
export const MIN_CLASS_COUNT = 10;

/** A prepared base year. */
export interface PreparedYear {
  readonly baseYear: number;
  readonly train: TrainingSet;
  readonly trainRows: Int32Array;
  readonly positives: number;
  readonly fromYear: number;
  readonly toYear: number;
  /** Rows of the base year to score (complete cases), row-major predictors. */
  readonly scoreRows: Int32Array;
  readonly scoreX: Float64Array;
  /** Outcome of the scored rows (NaN when unknown). */
  readonly scoreY: Float64Array;
}

/**
 * Prepare base year `baseYear`; throws {@link ForecastError} naming the year when it cannot be done.
 * @example prepareYear(table, 2013, 2).train.n
 */
export function prepareYear(table: CountryYearTable, baseYear: number, horizon: Horizon): PreparedYear {
  const range = yearRange(table);
  if (!Number.isInteger(baseYear) || baseYear < range.from || baseYear > range.to) {
    throw new ForecastError(
      `base year ${baseYear} is outside the data (${range.from}–${range.to})`,
      "base_year_outside_data",
    );
  }
  const split = splitRows(table, baseYear, horizon);
  if (split.predict.length === 0) {
    throw new ForecastError(
      `base year ${baseYear} has no row with every predictor present`,
      "no_rows_to_score",
    );
  }
  const y = pick(table.outcomes[split.target]!, split.train);
  let positives = 0;
  for (const v of y) positives += v;
  const n = split.train.length;
  if (positives < MIN_CLASS_COUNT || n - positives < MIN_CLASS_COUNT) {
    throw new ForecastError(
      `base year ${baseYear}: the training rows (year <= ${baseYear - 2}, ${split.target} known) have ${positives} positive and ` +
        `${n - positives} negative cases; at least ${MIN_CLASS_COUNT} of each are needed for 10-fold cross-validation`,
      "too_few_positives",
    );
  }
  let fromYear = Infinity;
  let toYear = -Infinity;
  for (const i of split.train) {
    fromYear = Math.min(fromYear, table.year[i]!);
    toYear = Math.max(toYear, table.year[i]!);
  }
  return {
    baseYear,
    train: { x: columnMajor(table, split.train), n, y, predictors: table.predictors },
    trainRows: split.train,
    positives,
    fromYear,
    toYear,
    scoreRows: split.predict,
    scoreX: rowMajor(table, split.predict),
    scoreY: pick(table.outcomes[split.target]!, split.predict),
  };
}
