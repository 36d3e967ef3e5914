/**
 * EWP's training rule: for base year Y, fit on complete-case rows with year ≤ Y − 2 whose outcome is known, and
 * score the complete-case rows of year Y. The one-year model uses the same rows with its own outcome (as the
 * issue specifies), which keeps both horizons comparable and leaves a year of margin for late-coded onsets.
 * @module
 */
import { type CountryYearTable, type Horizon, HORIZON_TARGET } from "./country-year.js";

/** Rows (indices into the table) for one base year. */
export interface RowSplit {
  readonly train: Int32Array;
  readonly predict: Int32Array;
  /** Rows of year Y left out because a predictor is missing. */
  readonly incomplete: Int32Array;
  readonly target: string;
}

/**
 * Split the table for base year `baseYear`. O(n × p).
 * @example splitRows(table, 2013, 2).train // rows with year <= 2011, complete, outcome known
 */
export function splitRows(table: CountryYearTable, baseYear: number, horizon: Horizon): RowSplit {
  const target = HORIZON_TARGET[horizon];
  const y = table.outcomes[target];
  if (!y) throw new Error(`splitRows: the table has no outcome column ${target}`);
  const train: number[] = [];
  const predict: number[] = [];
  const incomplete: number[] = [];
  for (let i = 0; i < table.n; i++) {
    const yr = table.year[i]!;
    const complete = isComplete(table, i);
    if (yr === baseYear) (complete ? predict : incomplete).push(i);
    if (yr <= baseYear - 2 && complete && !Number.isNaN(y[i]!)) train.push(i);
  }
  return {
    train: Int32Array.from(train),
    predict: Int32Array.from(predict),
    incomplete: Int32Array.from(incomplete),
    target,
  };
}

/** True when no predictor of row i is missing. */
export function isComplete(table: CountryYearTable, i: number): boolean {
  const p = table.predictors.length;
  for (let j = 0; j < p; j++) if (Number.isNaN(table.x[j * table.n + i]!)) return false;
  return true;
}

/**
 * Predictors of `rows`, column-major (rows.length × p).
 * @example columnMajor(table, Int32Array.of(0, 2)).length === 2 * table.predictors.length
 */
export function columnMajor(table: CountryYearTable, rows: Int32Array): Float64Array {
  const p = table.predictors.length;
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const off = j * table.n;
    for (let t = 0; t < m; t++) out[j * m + t] = table.x[off + rows[t]!]!;
  }
  return out;
}

/** Predictors of `rows`, row-major (rows.length × p): the layout `score` takes. */
export function rowMajor(table: CountryYearTable, rows: Int32Array): Float64Array {
  const p = table.predictors.length;
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let t = 0; t < m; t++) for (let j = 0; j < p; j++) out[t * p + j] = table.x[j * table.n + rows[t]!]!;
  return out;
}

/** Values of one column at `rows`. */
export function pick(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let t = 0; t < rows.length; t++) out[t] = values[rows[t]!]!;
  return out;
}
