// Agreement of our glmnet port with R glmnet 4.1 on committed reference fixtures (see test/fixtures/glmnet).
import { hasSharedData } from "../support/shared-data.js";
import { describe, expect, it } from "vitest";
import { cvGlmnetBinomial } from "../../src/forecast/glmnet/cv-glmnet.js";
import { glmnetBinomial } from "../../src/forecast/glmnet/glmnet.js";
import {
  EWP_CSV,
  type GlmnetFixture,
  loadEwpTraining,
  loadFixture,
  loadSynthetic,
} from "./glmnet-fixture.js";

/** The options R was called with: alpha, and lambda.min.ratio when the fixture sets it. */
function optionsOf(fx: GlmnetFixture): { alpha: number; lambdaMinRatio?: number } {
  return fx.lambdaMinRatio === undefined
    ? { alpha: fx.alpha }
    : { alpha: fx.alpha, lambdaMinRatio: fx.lambdaMinRatio };
}

function expectPathAgrees(
  fx: GlmnetFixture,
  data: { x: Float64Array; y: Float64Array; n: number; p: number },
): void {
  const { x, y, n, p } = data;
  const own = glmnetBinomial(x, n, p, y, optionsOf(fx));
  // Our own lambda sequence (and its length, set by the path-stopping rules) is R's.
  expect(own.lambda.length).toBe(fx.lambda.length);
  own.lambda.forEach((l, k) => expect(Math.abs(l - fx.lambda[k]!) / fx.lambda[k]!).toBeLessThan(1e-9));
  // Coefficients on the original scale within 1e-4 at every lambda, for our path and for R's lambdas passed in.
  const given = glmnetBinomial(x, n, p, y, { alpha: fx.alpha, lambda: Float64Array.from(fx.lambda) });
  for (const [fit, a0, beta] of [
    [own, fx.a0, fx.beta],
    [given, fx.a0Given, fx.betaGiven],
  ] as const) {
    let worst = 0;
    for (let l = 0; l < fx.lambda.length; l++) {
      worst = Math.max(worst, Math.abs(fit.a0[l]! - a0[l]!));
      for (let j = 0; j < p; j++) worst = Math.max(worst, Math.abs(fit.beta[l * p + j]! - beta[l * p + j]!));
    }
    expect(worst).toBeLessThan(1e-4);
  }
  own.devRatio.forEach((d, k) => expect(d).toBeCloseTo(fx.devRatio[k]!, 6));
  // The same number of coordinate-descent passes: the same iterations, not just the same optimum.
  expect(own.npasses).toBe(fx.npasses);
  // With lambdas passed in, a pass may be decided by a last-digit difference at the convergence threshold.
  expect(Math.abs(given.npasses - fx.npassesGiven)).toBeLessThanOrEqual(2);
}

function expectCvAgrees(
  fx: GlmnetFixture,
  data: { x: Float64Array; y: Float64Array; n: number; p: number },
): void {
  const cv = cvGlmnetBinomial(data.x, data.n, data.p, data.y, Int32Array.from(fx.foldid), optionsOf(fx));
  expect(cv.lambda.length).toBe(fx.cvLambda.length);
  cv.cvm.forEach((m, k) => expect(Math.abs(m - fx.cvm[k]!)).toBeLessThan(1e-6));
  cv.cvsd.forEach((s, k) => expect(Math.abs(s - fx.cvsd[k]!)).toBeLessThan(1e-6));
  expect(cv.lambdaMin).toBeCloseTo(fx.lambdaMin, 12);
  expect(cv.lambda1se).toBeCloseTo(fx.lambda1se, 12);
}

describe("glmnet binomial against R glmnet fixtures", () => {
  for (const name of ["synth-enet", "synth-lasso", "synth-wide", "synth-separable"]) {
    it(`${name}: lambda path, coefficients and CV curve`, () => {
      const fx = loadFixture(name);
      const data = loadSynthetic(name);
      expectPathAgrees(fx, data);
      expectCvAgrees(fx, data);
    });
  }

  it("synth-separable: the path stops early by the deviance-ratio rule (dev.ratio > 0.999), as R's does", () => {
    const fx = loadFixture("synth-separable");
    const { x, y, n, p } = loadSynthetic("synth-separable");
    const own = glmnetBinomial(x, n, p, y, optionsOf(fx));
    // R stopped before the 100 lambdas down to lambda.min.ratio, on the step that passed 0.999 and not before.
    expect(fx.lambda.length).toBeLessThan(100);
    expect(fx.devRatio.at(-1)!).toBeGreaterThan(0.999);
    expect(fx.devRatio.at(-2)!).toBeLessThanOrEqual(0.999);
    expect(own.lambda.length).toBe(fx.lambda.length);
    expect(own.devRatio.at(-1)!).toBeGreaterThan(0.999);
    expect(own.devRatio.at(-2)!).toBeLessThanOrEqual(0.999);
  });

  const ewp = hasSharedData("forecast/glmnet-agreement", [EWP_CSV]);
  it.skipIf(!ewp)(
    "EWP base year 2013, two-year target: path and 10-fold CV (skipped when ../shared/data/ewp is absent)",
    async () => {
      const fx = loadFixture("ewp-2013-mk_onset_1or2");
      const data = await loadEwpTraining(2013, 2);
      expect(data.n).toBe(fx.n);
      expectPathAgrees(fx, data);
      expectCvAgrees(fx, data);
    },
    60_000,
  );

  it.skipIf(!ewp)(
    "EWP base year 2000, one-year target: path",
    async () => {
      const fx = loadFixture("ewp-2000-mk_onset_1");
      const data = await loadEwpTraining(2000, 1);
      expect(data.n).toBe(fx.n);
      expectPathAgrees(fx, data);
    },
    60_000,
  );
});
