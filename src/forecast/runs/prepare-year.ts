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
  /** What the analyst should know about this year's training set (predictors constant in it). */
  readonly notices: readonly string[];
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
  // A predictor constant in every training row (e.g. coded 0 until some year) carries no information for this
  // year: glmnet gives it no coefficient and no tree splits on it. Say so rather than refuse the year.
  const notices = constantPredictors(table, split.train).map(
    (c) =>
      `base year ${baseYear}: predictor ${c.name} is constant (${c.value}) in every training row ` +
      `(year <= ${baseYear - 2}, ${split.target} known) and takes no part in this year's model`,
  );
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
    notices,
  };
}

/**
 * Predictors with one value in every training row (they are complete cases, so no NaN). The whole-file check in the
 * reader misses a column that only varies in later years, e.g. one coded 0 until some year. O(n·p).
 */
function constantPredictors(
  table: CountryYearTable,
  rows: Int32Array,
): { readonly name: string; readonly value: number }[] {
  const out: { name: string; value: number }[] = [];
  if (rows.length === 0) return out;
  table.predictors.forEach((name, j) => {
    const col = table.x.subarray(j * table.n, (j + 1) * table.n);
    const value = col[rows[0]!]!;
    for (const i of rows) if (col[i] !== value) return;
    out.push({ name, value });
  });
  return out;
}
