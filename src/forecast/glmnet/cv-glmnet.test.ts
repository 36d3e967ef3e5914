import { describe, expect, it } from "vitest";
import { interpolateAt, optimalLambda } from "./cv-glmnet.js";
import type { GlmnetFit } from "./glmnet.js";
import { GlmnetError, glmnetBinomial } from "./glmnet.js";

describe("optimalLambda", () => {
  it("takes the largest lambda at the minimum and the largest within one SE", () => {
    const lambda = Float64Array.of(4, 3, 2, 1);
    const r = optimalLambda(lambda, Float64Array.of(10, 9.5, 9, 9), Float64Array.of(1, 1, 0.6, 1));
    // min 9 at lambda 2 (ties: the larger lambda); 9 + 0.6 = 9.6 admits lambda 3 (9.5) but not 4 (10).
    expect(r).toEqual({ indexMin: 2, index1se: 1 });
  });
});

describe("interpolateAt", () => {
  const fit: GlmnetFit = {
    p: 1,
    lambda: Float64Array.of(1, 0.5, 0.25),
    a0: Float64Array.of(0, 1, 2),
    beta: Float64Array.of(0, 10, 20),
    devRatio: new Float64Array(3),
    nulldev: 1,
    npasses: 0,
  };
  it("interpolates linearly in lambda and clamps outside the path", () => {
    const [a, b, c, d] = interpolateAt(fit, Float64Array.of(0.75, 0.5, 2, 0.1));
    expect(Array.from(a!)).toEqual([0.5, 5]);
    expect(Array.from(b!)).toEqual([1, 10]);
    expect(Array.from(c!)).toEqual([0, 0]);
    expect(Array.from(d!)).toEqual([2, 20]);
  });
});

describe("glmnetBinomial input checks", () => {
  it("refuses a single-class outcome as R does", () => {
    const x = Float64Array.of(1, 2, 3, 4);
    expect(() => glmnetBinomial(x, 4, 1, Float64Array.of(0, 0, 0, 1))).toThrow(GlmnetError);
  });
  it("refuses mismatched shapes and empty input", () => {
    expect(() => glmnetBinomial(new Float64Array(3), 2, 2, new Float64Array(2))).toThrow(/n×p/);
    expect(() => glmnetBinomial(new Float64Array(0), 0, 1, new Float64Array(0))).toThrow(GlmnetError);
  });
  it("keeps a constant column at zero (glmnet's ju)", () => {
    const n = 40;
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i % 7;
      x[n + i] = 5;
      y[i] = i % 3 === 0 ? 1 : 0;
    }
    const fit = glmnetBinomial(x, n, 2, y, { alpha: 0.5 });
    for (let l = 0; l < fit.lambda.length; l++) expect(fit.beta[l * 2 + 1]).toBe(0);
  });
});
