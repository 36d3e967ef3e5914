import { describe, expect, it } from "vitest";
import { mulberry32 } from "../stats/random.js";
import { elasticNetLink, elasticNetModel } from "./elastic-net.model.js";
import { type TrainingSet, logistic } from "./model.js";
import { DEFAULT_MODEL, MODELS, getModel } from "./registry.js";

// 400 rows, 4 predictors; the outcome depends on the first two.
const rng = mulberry32(11);
const n = 400;
const p = 4;
const x = new Float64Array(n * p);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < p; j++) x[j * n + i] = j === 3 ? (rng() < 0.2 ? 1 : 0) : rng() * 2 - 1;
  y[i] = rng() < logistic(-2 + 2 * x[i]! - 1.5 * x[n + i]!) ? 1 : 0;
}
const data: TrainingSet = { x, n, y, predictors: ["a", "b", "c", "d"] };
const rows = new Float64Array(n * p);
for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) rows[i * p + j] = x[j * n + i]!;

describe("model registry", () => {
  it("lists the models and the default, and rejects unknown names", () => {
    expect(Object.keys(MODELS).sort()).toEqual(["enet-gbt", "ensemble", "ewp-enet", "gbt", "rf"]);
    expect(getModel(DEFAULT_MODEL)).toBeDefined();
    expect(getModel("toString")).toBeUndefined();
    expect(getModel("")).toBeUndefined();
  });

  for (const model of Object.values(MODELS)) {
    it(`${model.name}: params survive JSON and score the same; probabilities in (0, 1)`, () => {
      const params = model.fit(data, { seed: 3 });
      expect(params.model).toBe(model.name);
      expect(params.version).toBe(model.version);
      const again = JSON.parse(JSON.stringify(params)) as typeof params;
      const a = model.score(params, rows, n);
      expect(Array.from(model.score(again, rows, n))).toEqual(Array.from(a));
      expect(a.every((v) => v > 0 && v < 1)).toBe(true);
      const c = model.explain(params, rows.subarray(0, p));
      expect(c).toHaveLength(p);
      // The informative predictors carry more weight than the noise on average.
      let informative = 0;
      let noise = 0;
      for (let i = 0; i < 50; i++) {
        const ci = model.explain(params, rows.subarray(i * p, (i + 1) * p));
        informative += Math.abs(ci[0]!) + Math.abs(ci[1]!);
        noise += Math.abs(ci[2]!);
      }
      expect(informative).toBeGreaterThan(noise);
    });
  }

  it("ewp-enet: contributions are coef × (x − mean) and sum to the log-odds gap to the mean row", () => {
    const params = elasticNetModel.fit(data, { seed: 3 });
    const c = elasticNetModel.explain(params, rows.subarray(5 * p, 6 * p));
    const atMean = params.intercept + params.coefficients.reduce((a, b, j) => a + b * params.means[j]!, 0);
    expect(c.reduce((a, v) => a + v, 0)).toBeCloseTo(elasticNetLink(params, rows, 5) - atMean, 12);
    expect(params.lambda).toBeGreaterThanOrEqual(params.lambda1se === params.lambda ? params.lambda : 0);
  });
});
