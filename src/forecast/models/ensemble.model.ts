/**
 * The ensemble: the elastic net and the boosted trees averaged on the log-odds scale (a geometric mean of odds),
 * so each predictor's contribution is the average of its two contributions.
 * @module
 */
import { boostedTreesModel, type BoostedTreesParams } from "./boosted-trees.model.js";
import { elasticNetModel, type ElasticNetParams } from "./elastic-net.model.js";
import { type ForecastModel, type ModelParams, logistic } from "./model.js";

/** Fitted params: both members. */
export interface EnsembleParams extends ModelParams {
  readonly model: "ensemble";
  readonly enet: ElasticNetParams;
  readonly gbt: BoostedTreesParams;
}

const logit = (p: number): number => Math.log(p / (1 - p));

/** Elastic net + boosted trees. */
export const ensembleModel: ForecastModel<EnsembleParams> = {
  name: "ensemble",
  version: "1.0.0",
  description: "mean log-odds of ewp-enet and gbt",
  fit(data, options) {
    return {
      model: "ensemble",
      version: "1.0.0",
      predictors: [...data.predictors],
      enet: elasticNetModel.fit(data, options),
      gbt: boostedTreesModel.fit(data, options),
    };
  },
  score(params, rows, m) {
    const a = elasticNetModel.score(params.enet, rows, m);
    const b = boostedTreesModel.score(params.gbt, rows, m);
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = logistic((logit(a[i]!) + logit(b[i]!)) / 2);
    return out;
  },
  explain(params, row) {
    const a = elasticNetModel.explain(params.enet, row);
    const b = boostedTreesModel.explain(params.gbt, row);
    return a.map((v, j) => (v + b[j]!) / 2);
  },
};
