/**
 * A probability forest on the same 39 predictors (500 trees, mtry = 6 ≈ √39, leaves of at least 5 rows), settings
 * fixed a priori. Probabilities are clipped to [1e-4, 1 − 1e-4] so log-odds stay finite. Explanations: Saabas
 * contributions (probability points) rescaled by the secant (logit p − logit p₀)/(p − p₀), so that they sum to the
 * log-odds gap to the forest's root mean p₀ like the other models' contributions.
 * @module
 */
import {
  type Forest,
  type ForestSettings,
  fitForest,
  forestContributions,
  forestProbability,
} from "../trees/random-forest.js";
import type { ForecastModel, ModelParams } from "./model.js";

/** Fitted params. */
export interface RandomForestParams extends ModelParams, Forest {
  readonly model: "rf";
  readonly settings: ForestSettings;
  readonly seed: number;
}

/** The fixed settings of version 1. */
export const RF_SETTINGS: ForestSettings = { trees: 500, mtry: 6, minNodeSize: 5, maxBins: 64 };

const P_MIN = 1e-4;
const clip = (p: number): number => Math.min(Math.max(p, P_MIN), 1 - P_MIN);
const logit = (p: number): number => Math.log(p / (1 - p));

/** The probability forest. */
export const randomForestModel: ForecastModel<RandomForestParams> = {
  name: "rf",
  version: "1.0.0",
  description: "probability forest (500 bootstrap trees, mtry 6, min leaf 5)",
  fit(data, options) {
    const p = data.predictors.length;
    const settings = { ...RF_SETTINGS, mtry: Math.min(RF_SETTINGS.mtry, p) };
    const forest = fitForest(data.x, data.n, p, data.y, settings, options.seed);
    return {
      model: "rf",
      version: "1.0.0",
      predictors: [...data.predictors],
      settings,
      seed: options.seed,
      ...forest,
    };
  },
  score(params, rows, m) {
    const p = params.predictors.length;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = clip(forestProbability(params, rows, i, p));
    return out;
  },
  explain(params, row) {
    const np = params.predictors.length;
    const { contributions, root } = forestContributions(params, row, np);
    const p = clip(forestProbability(params, row, 0, np));
    const p0 = clip(root);
    const scale = Math.abs(p - p0) < 1e-12 ? 1 / (p * (1 - p)) : (logit(p) - logit(p0)) / (p - p0);
    return contributions.map((c) => c * scale);
  },
};
