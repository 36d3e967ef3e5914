/**
 * Ensembles: member models averaged on the log-odds scale (a geometric mean of odds), so each predictor's
 * contribution is the average of its members' contributions (all on the log-odds scale). Members are fitted with
 * the same training set and seed as when they run alone.
 * @module
 */
import { type ForecastModel, type ModelParams, logistic } from "./model.js";

/** Fitted params: one params object per member, in member order. */
export interface EnsembleParams extends ModelParams {
  readonly members: readonly ModelParams[];
}

const P_MIN = 1e-6;
const logit = (p: number): number => {
  const q = Math.min(Math.max(p, P_MIN), 1 - P_MIN);
  return Math.log(q / (1 - q));
};

/**
 * An ensemble of `members` called `name`.
 * @example makeEnsemble("ensemble", "1.0.0", [elasticNetModel, boostedTreesModel]).fit(train, { seed: 1 })
 */
export function makeEnsemble(
  name: string,
  version: string,
  members: readonly ForecastModel[],
): ForecastModel<EnsembleParams> {
  const member = (params: EnsembleParams, k: number): ModelParams => {
    const mp = params.members[k];
    if (!mp || mp.model !== members[k]!.name)
      throw new Error(`${name}: params do not match member ${members[k]!.name}`);
    return mp;
  };
  return {
    name,
    version,
    description: `mean log-odds of ${members.map((m) => m.name).join(", ")}`,
    fit(data, options) {
      return {
        model: name,
        version,
        predictors: [...data.predictors],
        members: members.map((m) => m.fit(data, options)),
      };
    },
    score(params, rows, m) {
      const z = new Float64Array(m);
      members.forEach((mod, k) => {
        const p = mod.score(member(params, k), rows, m);
        for (let i = 0; i < m; i++) z[i]! += logit(p[i]!) / members.length;
      });
      return z.map(logistic);
    },
    explain(params, row) {
      const out = new Float64Array(params.predictors.length);
      members.forEach((mod, k) => {
        const c = mod.explain(member(params, k), row);
        for (let j = 0; j < out.length; j++) out[j]! += c[j]! / members.length;
      });
      return out;
    },
  };
}
