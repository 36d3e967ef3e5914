/**
 * Gradient-boosted trees on the same 39 predictors: captures thresholds and interactions the linear model cannot.
 * Settings are fixed a priori (shallow trees, strong shrinkage, half-sampling), not tuned on the backtest.
 * Explanations: Saabas path contributions on the log-odds scale, relative to the trees' root values.
 * @module
 */
import {
  type BoostSettings,
  type BoostedTrees,
  boostedContributions,
  boostedLink,
  fitBoostedTrees,
} from "../trees/boosted-trees.js";
import { type ForecastModel, type ModelParams, logistic } from "./model.js";

/** Fitted params. */
export interface BoostedTreesParams extends ModelParams, BoostedTrees {
  readonly model: "gbt";
  readonly settings: BoostSettings;
  readonly seed: number;
}

/** The fixed settings of version 1. */
export const GBT_SETTINGS: BoostSettings = {
  rounds: 300,
  learningRate: 0.03,
  maxDepth: 3,
  lambda: 1,
  minChildHessian: 1,
  subsample: 0.5,
  colsample: 0.5,
  maxBins: 32,
};

/** Gradient-boosted trees. */
export const boostedTreesModel: ForecastModel<BoostedTreesParams> = {
  name: "gbt",
  version: "1.0.0",
  description: "gradient-boosted trees (300 depth-3 trees, shrinkage 0.03, half row/column sampling)",
  fit(data, options) {
    const p = data.predictors.length;
    const m = fitBoostedTrees(data.x, data.n, p, data.y, GBT_SETTINGS, options.seed);
    return {
      model: "gbt",
      version: "1.0.0",
      predictors: [...data.predictors],
      settings: GBT_SETTINGS,
      seed: options.seed,
      ...m,
    };
  },
  score(params, rows, m) {
    const p = params.predictors.length;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = logistic(boostedLink(params, rows, i, p));
    return out;
  },
  explain(params, row) {
    return boostedContributions(params, row, params.predictors.length);
  },
};
