/**
 * Input problems found while preparing a forecast or backtest, with stable codes the adapters map to exit 2.
 * @module
 */

/** Stable codes. */
export type ForecastErrorCode =
  | "base_year_outside_data"
  | "too_few_positives"
  | "no_rows_to_score"
  | "unknown_model"
  | "no_known_outcome"
  | "model_cannot_fit";

/** A forecast cannot run on this input; the message names the year or column. */
export class ForecastError extends Error {
  constructor(
    message: string,
    readonly code: ForecastErrorCode,
  ) {
    super(message);
    this.name = "ForecastError";
  }
}
