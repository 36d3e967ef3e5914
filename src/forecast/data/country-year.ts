/**
 * The country-year table the forecast core works on: identifiers, predictors column-major in one Float64Array
 * (NaN = missing) and outcomes (NaN = unknown). Built by an adapter (src/datasets) after validation.
 * @module
 */

/** A validated country-year table. */
export interface CountryYearTable {
  readonly n: number;
  readonly country: readonly string[];
  readonly ccode: Int32Array;
  readonly year: Int32Array;
  readonly predictors: readonly string[];
  /** Predictors, column-major: `x[j * n + i]`. */
  readonly x: Float64Array;
  /** Outcome columns by name; NaN where the outcome is not known. */
  readonly outcomes: Readonly<Record<string, Float64Array>>;
}

/** Forecast horizon in years and the outcome column each one predicts (EWP: 1 → mk_onset_1, 2 → mk_onset_1or2). */
export type Horizon = 1 | 2;

/** Outcome column per horizon. */
export const HORIZON_TARGET: Readonly<Record<Horizon, string>> = { 1: "mk_onset_1", 2: "mk_onset_1or2" };

/** The first and last year in the table. */
export function yearRange(table: CountryYearTable): { readonly from: number; readonly to: number } {
  let from = Infinity;
  let to = -Infinity;
  for (const y of table.year) {
    if (y < from) from = y;
    if (y > to) to = y;
  }
  return { from, to };
}
