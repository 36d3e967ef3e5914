/**
 * What every forecasting model provides: `fit` turns a training set into plain-JSON params stamped with the model
 * name and version; `score` and `explain` are pure functions of those params (simple-statistics'
 * linearRegression → linearRegressionLine pattern), so stored params reproduce a forecast exactly.
 * @module
 */

/** Training data: predictors column-major (n × p), outcome 0/1. */
export interface TrainingSet {
  readonly x: Float64Array;
  readonly n: number;
  readonly y: Float64Array;
  readonly predictors: readonly string[];
}

/** Fitting options: a seed for every random choice (folds, subsamples). */
export interface FitOptions {
  readonly seed: number;
}

/** The part of every params object that identifies it. */
export interface ModelParams {
  readonly model: string;
  readonly version: string;
  readonly predictors: readonly string[];
}

/** A registered model. */
export interface ForecastModel<P extends ModelParams = ModelParams> {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  fit(data: TrainingSet, options: FitOptions): P;
  /** Probabilities for row-major rows (m × p). */
  score(params: P, rows: Float64Array, m: number): Float64Array;
  /**
   * Per-predictor contributions to one row's log-odds, relative to the model's reference point (see each model);
   * they sum to logit(p) minus a per-model constant.
   */
  explain(params: P, row: Float64Array): Float64Array;
}

/** Widen a model to the registry's type (params are checked by name and version at the edge). */
export function asRegistered<P extends ModelParams>(m: ForecastModel<P>): ForecastModel {
  return m as unknown as ForecastModel;
}

/** The logistic function, safe at the extremes. */
export function logistic(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
