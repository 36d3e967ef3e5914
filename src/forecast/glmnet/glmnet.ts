/**
 * `glmnet(x, y, family = "binomial")` as R runs it: 1/n standardisation, constant-column screening, the solver on
 * the standardised scale, coefficients mapped back to the original scale and R's `fix.lam` on the first lambda.
 * @module
 */
import { type StdColumn, lognetPath } from "./lognet.js";

/** Options with R's defaults. */
export interface GlmnetOptions {
  /** Elastic-net mixing: 1 lasso, 0 ridge (default 1). */
  readonly alpha?: number;
  readonly nlambda?: number;
  /** Default: 1e-4 when n > p, else 1e-2 (as R). */
  readonly lambdaMinRatio?: number;
  /** A user lambda sequence (sorted decreasing, as R does); disables the path-stopping rules. */
  readonly lambda?: Float64Array;
  readonly thresh?: number;
  readonly maxit?: number;
  /**
   * Per column, the value most rows share (see {@link columnModes}); only the storage of the standardised columns
   * depends on it, never the result. cv passes the full data's modes to its folds to avoid re-sorting.
   */
  readonly modes?: Float64Array;
}

/** A fitted binomial path on the original scale. */
export interface GlmnetFit {
  readonly p: number;
  readonly lambda: Float64Array;
  readonly a0: Float64Array;
  /** Coefficients, lambda-major: `beta[l * p + j]`. */
  readonly beta: Float64Array;
  readonly devRatio: Float64Array;
  readonly nulldev: number;
  readonly npasses: number;
}

/** Raised when glmnet itself would stop with an error (e.g. one class absent). */
export class GlmnetError extends Error {
  constructor(
    message: string,
    readonly code: "glmnet_one_class" | "glmnet_maxit" | "glmnet_bad_input",
  ) {
    super(message);
    this.name = "GlmnetError";
  }
}

/**
 * Fit the binomial elastic-net path. `x` is column-major (n × p), `y` is 0/1.
 * Runs in O(passes × n × active); memory O(n × p).
 * @example const fit = glmnetBinomial(x, n, p, y, { alpha: 0.5 }); fit.lambda.length <= 100
 */
export function glmnetBinomial(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  opts: GlmnetOptions = {},
): GlmnetFit {
  if (x.length !== n * p || y.length !== n)
    throw new GlmnetError("glmnetBinomial: x must be n×p and y of length n", "glmnet_bad_input");
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  if (Math.min(pos, n - pos) <= 1) {
    throw new GlmnetError("one binomial class has 1 or 0 observations; not allowed", "glmnet_one_class");
  }
  const w = new Float64Array(n).fill(1 / n);
  const xs = new Float64Array(p).fill(1);
  const xm = new Float64Array(p);
  const ju = new Uint8Array(p);
  const cols: StdColumn[] = [];
  for (let j = 0; j < p; j++) {
    const raw = x.subarray(j * n, (j + 1) * n);
    const first = raw[0]!;
    let constant = true;
    for (let i = 1; i < n && constant; i++) if (raw[i] !== first) constant = false;
    if (constant) {
      cols.push({ base: 0, idx: null, val: new Float64Array(n) });
      continue;
    }
    ju[j] = 1;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += w[i]! * raw[i]!;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += w[i]! * (raw[i]! - mean) ** 2;
    const sd = Math.sqrt(ss);
    xm[j] = mean;
    xs[j] = sd;
    cols.push(standardColumn(raw, mean, sd, opts.modes ? opts.modes[j]! : columnMode(raw)));
  }
  const user = opts.lambda;
  const nlam = user ? user.length : (opts.nlambda ?? 100);
  const path = lognetPath({
    cols,
    n,
    p,
    y,
    w,
    ju,
    vp: new Float64Array(p).fill(1),
    alpha: opts.alpha ?? 1,
    nlam,
    flmin: user ? 1 : (opts.lambdaMinRatio ?? (n < p ? 1e-2 : 1e-4)),
    ulam: user ? Float64Array.from(user).sort().reverse() : null,
    thresh: opts.thresh ?? 1e-7,
    maxit: opts.maxit ?? 100000,
  });
  if (path.jerr > 0)
    throw new GlmnetError(
      `glmnet error ${path.jerr}: outcome has (almost) a single class`,
      "glmnet_one_class",
    );
  if (path.jerr < 0)
    throw new GlmnetError(`glmnet did not converge within maxit at lambda ${-path.jerr}`, "glmnet_maxit");
  const lmu = path.lmu;
  const beta = new Float64Array(lmu * p);
  const a0 = new Float64Array(lmu);
  for (let l = 0; l < lmu; l++) {
    let c0 = path.a0[l]!;
    for (let j = 0; j < p; j++) {
      const bj = path.a[l * p + j]! / xs[j]!;
      beta[l * p + j] = bj;
      c0 -= bj * xm[j]!;
    }
    a0[l] = c0;
  }
  const lambda = Float64Array.from(path.alm.subarray(0, lmu));
  // R's fix.lam: the first lambda of a computed path is `big`; report the log-linear extrapolation instead.
  if (!user && lmu > 2) lambda[0] = Math.exp(2 * Math.log(lambda[1]!) - Math.log(lambda[2]!));
  return {
    p,
    lambda,
    a0,
    beta,
    devRatio: Float64Array.from(path.dev.subarray(0, lmu)),
    nulldev: 2 * path.dev0,
    npasses: path.nlp,
  };
}

/**
 * Linear predictor of row-major rows `x` (m × p) at path index `l`.
 * @example linkAt(fit, 0, row, 1)[0] === fit.a0[0]
 */
export function linkAt(fit: GlmnetFit, l: number, xRows: Float64Array, m: number): Float64Array {
  const p = fit.p;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = fit.a0[l]!;
    for (let j = 0; j < p; j++) s += fit.beta[l * p + j]! * xRows[i * p + j]!;
    out[i] = s;
  }
  return out;
}

/**
 * The most frequent value of each column of column-major `x` (n × p). O(p · n log n).
 * @example columnModes(Float64Array.of(0, 0, 1, 5, 5, 5), 3, 2) // [0, 5]
 */
export function columnModes(x: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) out[j] = columnMode(x.subarray(j * n, (j + 1) * n));
  return out;
}

function columnMode(raw: Float64Array): number {
  const n = raw.length;
  const sorted = Float64Array.from(raw).sort();
  let mode = sorted[0]!;
  let best = 0;
  for (let i = 0; i < n;) {
    let k = i;
    while (k < n && sorted[k] === sorted[i]) k++;
    if (k - i > best) {
      best = k - i;
      mode = sorted[i]!;
    }
    i = k;
  }
  return mode;
}

/**
 * (raw − mean)/sd stored as base + deviations from `mode` when the mode fills at least 40% of the rows, so that
 * coordinate steps touch only the other rows; dense otherwise. O(n).
 */
function standardColumn(raw: Float64Array, mean: number, sd: number, mode: number): StdColumn {
  const n = raw.length;
  let others = 0;
  for (let i = 0; i < n; i++) if (raw[i] !== mode) others++;
  if (others > 0.6 * n) {
    const val = new Float64Array(n);
    for (let i = 0; i < n; i++) val[i] = (raw[i]! - mean) / sd;
    return { base: 0, idx: null, val };
  }
  const idx = new Int32Array(others);
  const val = new Float64Array(others);
  let t = 0;
  for (let i = 0; i < n; i++) {
    if (raw[i] === mode) continue;
    idx[t] = i;
    val[t++] = (raw[i]! - mode) / sd;
  }
  return { base: (mode - mean) / sd, idx, val };
}
