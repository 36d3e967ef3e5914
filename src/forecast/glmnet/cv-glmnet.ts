/**
 * `cv.glmnet(x, y, family = "binomial", type.measure = "deviance", foldid = ...)` as R computes it: a full path,
 * one path per fold predicted at the full path's lambdas by linear interpolation (glmnet's lambda.interp), grouped binomial deviance per fold, its mean and standard error,
 * lambda.min and lambda.1se (glmnet's cv.lognet, cvcompute, cvstats and getOptcv.glmnet).
 * @module
 */
import { type GlmnetFit, type GlmnetOptions, GlmnetError, columnModes, glmnetBinomial } from "./glmnet.js";

/** Result of cross-validation; `fit` is the full-data path. */
export interface CvGlmnet {
  readonly lambda: Float64Array;
  readonly cvm: Float64Array;
  readonly cvsd: Float64Array;
  readonly lambdaMin: number;
  readonly lambda1se: number;
  readonly indexMin: number;
  readonly index1se: number;
  readonly fit: GlmnetFit;
}

const PROB_MIN = 1e-5;

/**
 * Cross-validate the binomial elastic net with the given fold ids (1..k). Cost: (k + 1) path fits.
 * @example const cv = cvGlmnetBinomial(x, n, p, y, foldIds(n, 10, 1), { alpha: 0.5 }); cv.lambdaMin
 */
export function cvGlmnetBinomial(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  foldid: Int32Array,
  opts: GlmnetOptions = {},
): CvGlmnet {
  let nfolds = 0;
  for (let i = 0; i < n; i++) nfolds = Math.max(nfolds, foldid[i]!);
  if (nfolds < 3)
    throw new GlmnetError("nfolds must be bigger than 3; nfolds=10 recommended", "glmnet_bad_input");
  const modes = opts.modes ?? columnModes(x, n, p);
  const fit = glmnetBinomial(x, n, p, y, { ...opts, modes });
  const lambda = fit.lambda;
  const nl = lambda.length;
  const foldSum = new Float64Array(nfolds * nl);
  const foldN = new Float64Array(nfolds);
  const eta = new Float64Array(n);
  for (let f = 1; f <= nfolds; f++) {
    let nt = 0;
    for (let i = 0; i < n; i++) if (foldid[i] !== f) nt++;
    const nh = n - nt;
    const xt = new Float64Array(nt * p);
    const yt = new Float64Array(nt);
    /** Held-out rows, column-major (nh × p). */
    const xh = new Float64Array(nh * p);
    const yh = new Float64Array(nh);
    // Column by column, so that reads and writes are sequential.
    for (let j = 0; j < p; j++) {
      const xj = x.subarray(j * n, (j + 1) * n);
      let it = j * nt;
      let ih = j * nh;
      for (let i = 0; i < n; i++) {
        if (foldid[i] !== f) xt[it++] = xj[i]!;
        else xh[ih++] = xj[i]!;
      }
    }
    let it = 0;
    let ih = 0;
    for (let i = 0; i < n; i++) {
      if (foldid[i] !== f) yt[it++] = y[i]!;
      else yh[ih++] = y[i]!;
    }
    // As cv.glmnet (alignment = "lambda"): each fold fits its own path, predicted at the full-data lambdas.
    const ff = glmnetBinomial(xt, nt, p, yt, { ...opts, modes });
    const at = interpolateAt(ff, lambda);
    foldN[f - 1] = nh;
    for (let l = 0; l < nl; l++) foldSum[(f - 1) * nl + l] = heldOutDeviance(at[l]!, xh, yh, nh, p, eta);
  }
  const cvm = new Float64Array(nl);
  const cvsd = new Float64Array(nl);
  for (let l = 0; l < nl; l++) {
    let sw = 0;
    let s = 0;
    for (let f = 0; f < nfolds; f++) {
      sw += foldN[f]!;
      s += foldN[f]! * foldSum[f * nl + l]!;
    }
    const mean = s / sw;
    let ss = 0;
    for (let f = 0; f < nfolds; f++) ss += foldN[f]! * (foldSum[f * nl + l]! - mean) ** 2;
    cvm[l] = mean;
    cvsd[l] = Math.sqrt(ss / sw / (nfolds - 1));
  }
  const { indexMin, index1se } = optimalLambda(lambda, cvm, cvsd);
  return {
    lambda,
    cvm,
    cvsd,
    lambdaMin: lambda[indexMin]!,
    lambda1se: lambda[index1se]!,
    indexMin,
    index1se,
    fit,
  };
}

/**
 * Mean binomial deviance of the held-out rows (column-major `xh`, nh × p) under coefficients `cl` (intercept
 * first), probabilities clipped to [1e-5, 1 − 1e-5] as cv.lognet does; NaN when there are no rows. The linear
 * predictor is accumulated column by column over the nonzero coefficients (a zero coefficient adds ±0, which
 * leaves every sum as it was), and for a 0/1 outcome only the logarithm its weight does not zero is taken.
 * `eta` is scratch of length ≥ nh. O(nh × nonzero coefficients).
 */
function heldOutDeviance(
  cl: Float64Array,
  xh: Float64Array,
  yh: Float64Array,
  nh: number,
  p: number,
  eta: Float64Array,
): number {
  if (nh === 0) return NaN;
  eta.fill(cl[0]!, 0, nh);
  for (let j = 0; j < p; j++) {
    const c = cl[j + 1]!;
    if (c === 0) continue;
    const off = j * nh;
    for (let i = 0; i < nh; i++) eta[i]! += c * xh[off + i]!;
  }
  let s = 0;
  for (let i = 0; i < nh; i++) {
    const pr = Math.min(Math.max(1 / (1 + Math.exp(-eta[i]!)), PROB_MIN), 1 - PROB_MIN);
    const yi = yh[i]!;
    if (yi === 1) s += -2 * Math.log(pr);
    else if (yi === 0) s += -2 * Math.log(1 - pr);
    else s += -2 * (yi * Math.log(pr) + (1 - yi) * Math.log(1 - pr));
  }
  return s / nh;
}

/**
 * glmnet's getOptcv.glmnet: the largest lambda at the minimum cvm, and the largest within one SE of it.
 * @example optimalLambda(Float64Array.of(3, 2, 1), Float64Array.of(5, 4, 4), Float64Array.of(1, 1, 1)).indexMin // 1
 */
export function optimalLambda(
  lambda: Float64Array,
  cvm: Float64Array,
  cvsd: Float64Array,
): { indexMin: number; index1se: number } {
  let min = Infinity;
  for (const c of cvm) if (c < min) min = c;
  let indexMin = -1;
  for (let l = 0; l < lambda.length; l++) {
    if (cvm[l]! <= min && (indexMin < 0 || lambda[l]! > lambda[indexMin]!)) indexMin = l;
  }
  const semin = cvm[indexMin]! + cvsd[indexMin]!;
  let index1se = -1;
  for (let l = 0; l < lambda.length; l++) {
    if (cvm[l]! <= semin && (index1se < 0 || lambda[l]! > lambda[index1se]!)) index1se = l;
  }
  return { indexMin, index1se };
}

/**
 * Coefficients (intercept first) of `fit` at each of `s`, as predict.glmnet does with lambda.interp: linear in
 * lambda between the neighbouring path points, clamped to the path's range.
 */
export function interpolateAt(fit: GlmnetFit, s: Float64Array): Float64Array[] {
  const lam = fit.lambda;
  const k = lam.length;
  const p = fit.p;
  const coef = (l: number, j: number): number => (j === 0 ? fit.a0[l]! : fit.beta[l * p + j - 1]!);
  const out: Float64Array[] = [];
  const first = lam[0]!;
  const last = lam[k - 1]!;
  // Positions of the path's lambdas on [0, 1] (glmnet's rescaled `lambda`).
  const pos = new Float64Array(k);
  for (let l = 0; l < k; l++) pos[l] = k === 1 ? 0 : (first - lam[l]!) / (first - last);
  for (const s0 of s) {
    const c = new Float64Array(p + 1);
    let left = 0;
    let right = 0;
    let frac = 1;
    if (k > 1) {
      const si = Math.min(Math.max(s0, last), first);
      const sf = (first - si) / (first - last);
      // approx(pos, seq, sf): pos increases from 0 to 1.
      let r = 1;
      while (r < k - 1 && pos[r]! < sf) r++;
      const coord = pos[r] === pos[r - 1] ? r : r - 1 + (sf - pos[r - 1]!) / (pos[r]! - pos[r - 1]!);
      left = Math.floor(coord);
      right = Math.ceil(coord);
      left = Math.min(left, k - 1);
      right = Math.min(right, k - 1);
      if (left === right || Math.abs(pos[left]! - pos[right]!) < Number.EPSILON) frac = 1;
      else frac = (sf - pos[right]!) / (pos[left]! - pos[right]!);
    }
    for (let j = 0; j <= p; j++) c[j] = coef(left, j) * frac + coef(right, j) * (1 - frac);
    out.push(c);
  }
  return out;
}
