/**
 * EWP's model: binomial elastic net as R's glmnet fits it (alpha 0.5, 100-lambda path to lambda.min.ratio 1e-4,
 * 10-fold CV on binomial deviance, prediction at lambda.min). Explanations: each predictor's contribution is
 * coef × (x − training mean) on the original scale, i.e. its share of the log-odds gap to an average country-year.
 * @module
 */
import { cvGlmnetBinomial } from "../glmnet/cv-glmnet.js";
import { foldIds } from "../stats/random.js";
import { type ForecastModel, type ModelParams, type TrainingSet, logistic } from "./model.js";

/** Fitted elastic-net params (original scale). */
export interface ElasticNetParams extends ModelParams {
  readonly model: "ewp-enet";
  readonly alpha: number;
  readonly lambda: number;
  readonly lambda1se: number;
  readonly nfolds: number;
  readonly seed: number;
  readonly intercept: number;
  readonly coefficients: readonly number[];
  /** Training means, the reference point of the explanations. */
  readonly means: readonly number[];
}

const ALPHA = 0.5;
const NFOLDS = 10;

/**
 * Fit: cv.glmnet with fold ids from {@link foldIds}(n, 10, seed). Cost: 11 glmnet paths.
 * @example const params = elasticNetModel.fit(train, { seed: 2013 })
 */
function fit(data: TrainingSet, options: { readonly seed: number }): ElasticNetParams {
  const p = data.predictors.length;
  const cv = cvGlmnetBinomial(data.x, data.n, p, data.y, foldIds(data.n, NFOLDS, options.seed), {
    alpha: ALPHA,
  });
  const l = cv.indexMin;
  const coefficients = Array.from(cv.fit.beta.subarray(l * p, (l + 1) * p));
  const means: number[] = [];
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < data.n; i++) s += data.x[j * data.n + i]!;
    means.push(s / data.n);
  }
  return {
    model: "ewp-enet",
    version: elasticNetModel.version,
    predictors: [...data.predictors],
    alpha: ALPHA,
    lambda: cv.lambdaMin,
    lambda1se: cv.lambda1se,
    nfolds: NFOLDS,
    seed: options.seed,
    intercept: cv.fit.a0[l]!,
    coefficients,
    means,
  };
}

/** Linear predictor of one row. */
export function elasticNetLink(params: ElasticNetParams, rows: Float64Array, i: number): number {
  const p = params.coefficients.length;
  let s = params.intercept;
  for (let j = 0; j < p; j++) s += params.coefficients[j]! * rows[i * p + j]!;
  return s;
}

/** The EWP elastic net. */
export const elasticNetModel: ForecastModel<ElasticNetParams> = {
  name: "ewp-enet",
  version: "1.0.0",
  description: "EWP's elastic-net logistic regression (glmnet, alpha 0.5, lambda.min of 10-fold CV)",
  fit,
  score(params, rows, m) {
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = logistic(elasticNetLink(params, rows, i));
    return out;
  },
  explain(params, row) {
    const p = params.coefficients.length;
    const out = new Float64Array(p);
    for (let j = 0; j < p; j++) out[j] = params.coefficients[j]! * (row[j]! - params.means[j]!);
    return out;
  },
};
