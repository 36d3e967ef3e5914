/**
 * Binomial elastic-net path by coordinate descent: a line-by-line port of glmnet's `lognet2n` (the two-class
 * logistic solver of Friedman, Hastie & Tibshirani 2010, "Regularization Paths for Generalized Linear Models via
 * Coordinate Descent", J. Stat. Softw. 33(1)), so that results agree with R's glmnet to rounding.
 * @module
 */

/** glmnet.control() defaults (glmnet 4.1): fdev, eps, big, mnlam, devmax, pmin. */
export const GLMNET_CONTROL = {
  fdev: 1e-5,
  eps: 1e-6,
  big: 9.9e35,
  mnlam: 5,
  devmax: 0.999,
  pmin: 1e-9,
} as const;

/**
 * One standardised column stored as a base value plus deviations: x[i] = base + val[t] for i = idx[t], and
 * x[i] = base elsewhere. Most EWP predictors sit at one value (0 for dummies and counts) in most rows, so sums over
 * the deviations only touch a fraction of the rows; a dense column has `idx = null`, base 0 and `val` of length n.
 */
export interface StdColumn {
  readonly base: number;
  readonly idx: Int32Array | null;
  readonly val: Float64Array;
}

/** Inputs of the solver; the columns are already standardised. */
export interface LognetProblem {
  readonly cols: readonly StdColumn[];
  readonly n: number;
  readonly p: number;
  /** Outcome in [0, 1]. */
  readonly y: Float64Array;
  /** Observation weights summing to 1. */
  readonly w: Float64Array;
  /** 1 when column j may enter (glmnet's `ju`: 0 for constant columns). */
  readonly ju: Uint8Array;
  /** Penalty factors, normalised to sum to the number of columns. */
  readonly vp: Float64Array;
  readonly alpha: number;
  readonly nlam: number;
  /** lambda.min.ratio when < 1; when >= 1, `ulam` is used as the sequence. */
  readonly flmin: number;
  readonly ulam: Float64Array | null;
  /** Convergence threshold (glmnet `thresh`, default 1e-7), scaled by the null deviance. */
  readonly thresh: number;
  readonly maxit: number;
}

/** The path on the standardised scale. */
export interface LognetPath {
  /** Number of lambdas actually fitted. */
  readonly lmu: number;
  readonly a0: Float64Array;
  /** Coefficients, lambda-major: `a[l * p + j]`. */
  readonly a: Float64Array;
  /** Deviance ratio per lambda. */
  readonly dev: Float64Array;
  /** Lambdas as glmnet reports them before R's `fix.lam` (the first is `big` on a computed path). */
  readonly alm: Float64Array;
  /** Null deviance per observation weight (glmnet `dev0`). */
  readonly dev0: number;
  /** Coordinate-descent passes. */
  readonly nlp: number;
  /** 0, or glmnet's error code (negative: maxit reached at lambda -jerr). */
  readonly jerr: number;
}

/**
 * Fit the path. Same iterations as glmnet (naive updates, strong rules, active-set cycling, the same convergence
 * tests); the residual is kept as r = rt − c·v so that a step on a base-plus-deviations column costs O(deviations)
 * instead of O(n). Runs in O(passes × Σ deviations); allocates O(n + p) work arrays once.
 * @example lognetPath({ cols, n, p, y, w, ju, vp, alpha: 0.5, nlam: 100, flmin: 1e-4, ulam: null, thresh: 1e-7, maxit: 1e5 })
 */
const C = 0;
const RSUM = 1;
const XMZ = 2;
const B0 = 3;
const AL1 = 4;
const AL2 = 5;
const PENDING = 6;

export function lognetPath(pr: LognetProblem): LognetPath {
  const { cols, n, p, y, w, ju, vp, alpha: bta, nlam, flmin, ulam, thresh: shri, maxit } = pr;
  const { fdev: sml, eps, big, mnlam, devmax, pmin } = GLMNET_CONTROL;
  const a0 = new Float64Array(nlam);
  const a = new Float64Array(nlam * p);
  const dev = new Float64Array(nlam);
  const alm = new Float64Array(nlam);
  const b = new Float64Array(p);
  const bs = new Float64Array(p);
  const xv = new Float64Array(p);
  /** Σ_i v_i · dev_ik over the deviations of column k (refreshed with xv). */
  const sv = new Float64Array(p);
  const ga = new Float64Array(p);
  /** v ∘ dev_k per column, refreshed with xv: the residual update then needs one load less. */
  const vval = cols.map((col) => new Float64Array(col.val.length));
  const mm = new Int32Array(p);
  const m = new Int32Array(p);
  const ixx = new Uint8Array(p);
  const rt = new Float64Array(n);
  const v = new Float64Array(n);
  const q = new Float64Array(n);
  const eta = new Float64Array(n);
  const fmax = Math.log(1 / pmin - 1);
  const vmin = (1 + pmin) * pmin * (1 - pmin);
  const omb = 1 - bta;
  // Scalars shared with the step helpers live in a typed array: captured `let` doubles would be boxed on every write.
  const st = new Float64Array(7);
  /** Column whose gradient dot product st[PENDING] already holds (−1: none). */
  let pending = -1;
  /** Output of the moment kernels: Σ v·x and Σ v·x². */
  const mom = new Float64Array(2);
  const fail = (code: number): LognetPath => ({ lmu: 0, a0, a, dev, alm, dev0: 0, nlp: 0, jerr: code });
  let q0 = 0;
  for (let i = 0; i < n; i++) q0 += w[i]! * y[i]!;
  if (q0 <= pmin) return fail(8001);
  if (q0 >= 1 - pmin) return fail(9001);
  const bz = Math.log(q0 / (1 - q0));
  st[B0] = bz;
  const vi = q0 * (1 - q0);
  // r = rt − c·v with c = st[C]!; st[RSUM] = Σ rt.
  for (let i = 0; i < n; i++) {
    v[i] = vi * w[i]!;
    rt[i] = w[i]! * (y[i]! - q0);
    st[RSUM]! += rt[i]!;
    q[i] = q0;
  }
  st[XMZ] = vi;
  const dev1 = -(bz * q0 + Math.log(1 - q0));
  let dev0 = dev1;
  for (let i = 0; i < n; i++) {
    const yi = y[i]!;
    if (yi > 0) dev0 += w[i]! * yi * Math.log(yi);
    if (yi < 1) dev0 += w[i]! * (1 - yi) * Math.log(1 - yi);
  }
  let alf = 1;
  if (flmin < 1) alf = Math.pow(Math.max(eps, flmin), 1 / (nlam - 1));
  let nin = 0;
  let nlp = 0;
  const mnl = Math.min(mnlam, nlam);
  let bs0 = 0;
  const shr = shri * dev0;
  for (let j = 0; j < p; j++) if (ju[j]) ga[j] = Math.abs(gradient(j));
  let al = 0;
  let lmu = 0;
  let jerr = 0;
  pathLoop: for (let ilm = 0; ilm < nlam; ilm++) {
    let al0 = al;
    if (flmin >= 1) al = ulam![ilm]!;
    else if (ilm > 1) al *= alf;
    else if (ilm === 0) al = big;
    else {
      al0 = 0;
      for (let j = 0; j < p; j++) if (ju[j] && vp[j]! > 0) al0 = Math.max(al0, ga[j]! / vp[j]!);
      al0 /= Math.max(bta, 1e-3);
      al = alf * al0;
    }
    st[AL2] = al * omb;
    st[AL1] = al * bta;
    const tlam = bta * (2 * al - al0);
    for (let k = 0; k < p; k++) if (!ixx[k] && ju[k] && ga[k]! > tlam * vp[k]!) ixx[k] = 1;
    // The IRLS loop (`:again:` in glmnet's source re-enters here after a strong-rule violation).
    for (;;) {
      bs0 = st[B0]!;
      for (let l = 0; l < nin; l++) bs[m[l]!] = b[m[l]!]!;
      for (let j = 0; j < p; j++) if (ixx[j]) weightedMoments(j);
      for (;;) {
        nlp++;
        let dlx = 0;
        for (let k = 0; k < p; k++) {
          if (!ixx[k]) continue;
          let next = k + 1;
          while (next < p && !ixx[next]) next++;
          const d = cdStep(k, next < p ? next : -1);
          if (d === 0) continue;
          const xvd = xv[k]! * d * d;
          if (xvd > dlx) dlx = xvd;
          if (mm[k] === 0) {
            nin++;
            mm[k] = nin;
            m[nin - 1] = k;
          }
        }
        dlx = interceptStep(dlx);
        if (dlx < shr) break;
        if (nlp > maxit) {
          jerr = -(ilm + 1);
          break pathLoop;
        }
        for (;;) {
          nlp++;
          let dlx2 = 0;
          for (let l = 0; l < nin; l++) {
            const k = m[l]!;
            const d = cdStep(k, l + 1 < nin ? m[l + 1]! : -1);
            if (d === 0) continue;
            const xvd = xv[k]! * d * d;
            if (xvd > dlx2) dlx2 = xvd;
          }
          dlx2 = interceptStep(dlx2);
          if (dlx2 < shr) break;
          if (nlp > maxit) {
            jerr = -(ilm + 1);
            break pathLoop;
          }
        }
      }
      // New working weights and residuals from the current linear predictor.
      let base = st[B0]!;
      for (let l = 0; l < nin; l++) base += b[m[l]!]! * cols[m[l]!]!.base;
      eta.fill(base);
      for (let l = 0; l < nin; l++) {
        const k = m[l]!;
        const bk = b[k]!;
        if (bk === 0) continue;
        const col = cols[k]!;
        const val = col.val;
        const idx = col.idx;
        // eta += bk·x_k, written as eta −= (−bk)·x_k (the same floating-point result).
        if (idx === null) denseAxpy(eta, val, -bk, n);
        else scatterAxpy(eta, idx, val, -bk);
      }
      irlsWeights(eta, w, y, q, v, rt, n, fmax, mom);
      st[XMZ] = mom[0]!;
      st[RSUM] = mom[1]!;
      st[C] = 0;
      if (st[XMZ]! <= vmin) break;
      let ix = st[XMZ]! * (st[B0]! - bs0) * (st[B0]! - bs0) < shr ? 0 : 1;
      if (ix === 0) {
        for (let l = 0; l < nin; l++) {
          const k = m[l]!;
          const dk = b[k]! - bs[k]!;
          if (xv[k]! * dk * dk < shr) continue;
          ix = 1;
          break;
        }
        if (ix === 0) {
          for (let k = 0; k < p; k++) {
            if (ixx[k] || !ju[k]) continue;
            ga[k] = Math.abs(gradient(k));
            if (ga[k]! > st[AL1]! * vp[k]!) {
              ixx[k] = 1;
              ix = 1;
            }
          }
          if (ix === 1) continue;
          break;
        }
      }
    }
    for (let l = 0; l < nin; l++) a[ilm * p + m[l]!] = b[m[l]!]!;
    a0[ilm] = st[B0]!;
    alm[ilm] = al;
    lmu = ilm + 1;
    const devi = dev2(n, w, y, q, pmin);
    dev[ilm] = (dev1 - devi) / dev0;
    if (st[XMZ]! <= vmin) break;
    if (ilm + 1 < mnl) continue;
    if (flmin >= 1) continue;
    if (dev[ilm]! > devmax) break;
    if (dev[ilm]! - dev[ilm - 1]! < sml) break;
  }
  return { lmu, a0, a, dev, alm, dev0, nlp, jerr };

  // Σ_i r_i x_ik with r = rt − c·v (c is 0 right after an IRLS refresh, when sv may be stale).
  function gradient(k: number): number {
    const col = cols[k]!;
    const idx = col.idx;
    let s: number;
    if (pending === k) {
      s = st[PENDING]!;
      pending = -1;
    } else s = idx === null ? denseDot(rt, col.val, n) : gatherDot(rt, idx, col.val);
    const c = st[C]!;
    return col.base * (st[RSUM]! - c * st[XMZ]!) + s - (c === 0 ? 0 : c * sv[k]!);
  }

  // xv_k = Σ v x_k² and sv_k = Σ v·dev_k for the current weights.
  function weightedMoments(k: number): void {
    const col = cols[k]!;
    const idx = col.idx;
    if (idx === null) denseMoments(v, col.val, vval[k]!, n, mom);
    else sparseMoments(v, idx, col.val, vval[k]!, mom);
    const s = mom[0]!;
    sv[k] = s;
    const base = col.base;
    xv[k] = base * base * st[XMZ]! + 2 * base * s + mom[1]!;
  }

  // Coordinate step for column k; returns the change in b[k] and updates the residuals.
  // When the next column to visit is dense too, its dot product with the updated residual is computed in the same
  // sweep as this column's residual update (same operations in the same order; one read of rt less).
  function cdStep(k: number, next: number): number {
    const bk = b[k]!;
    const gk = gradient(k);
    const u = gk + xv[k]! * bk;
    const au = Math.abs(u) - vp[k]! * st[AL1]!;
    const nb = au <= 0 ? 0 : (u < 0 ? -au : au) / (xv[k]! + vp[k]! * st[AL2]!);
    b[k] = nb;
    const d = nb - bk;
    if (d === 0) return 0;
    const col = cols[k]!;
    const idx = col.idx;
    st[C]! += d * col.base;
    st[RSUM]! -= d * sv[k]!;
    const vv = vval[k]!;
    if (idx === null) {
      const nextCol = next < 0 ? null : cols[next]!;
      if (nextCol !== null && nextCol.idx === null) {
        st[PENDING] = denseAxpyDot(rt, vv, d, nextCol.val, n);
        pending = next;
      } else denseAxpy(rt, vv, d, n);
    } else scatterAxpy(rt, idx, vv, d);
    return d;
  }

  // Intercept step (glmnet's `d = sum(r)/xmz`), folded into the pass's largest weighted change.
  function interceptStep(dlx: number): number {
    const d = (st[RSUM]! - st[C]! * st[XMZ]!) / st[XMZ]!;
    if (d === 0) return dlx;
    st[B0]! += d;
    st[C]! += d;
    return Math.max(dlx, st[XMZ]! * d * d);
  }
}

/** glmnet's `dev2`: mean binomial log-loss with probabilities clipped to [pmin, 1 − pmin]. */
function dev2(n: number, w: Float64Array, y: Float64Array, q: Float64Array, pmin: number): number {
  const pmax = 1 - pmin;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const pi = Math.min(Math.max(pmin, q[i]!), pmax);
    const yi = y[i]!;
    // For 0/1 outcomes one logarithm suffices (0 · log(·) adds exactly 0 in glmnet's formula).
    if (yi === 1) s -= w[i]! * Math.log(pi);
    else if (yi === 0) s -= w[i]! * Math.log(1 - pi);
    else s -= w[i]! * (yi * Math.log(pi) + (1 - yi) * Math.log(1 - pi));
  }
  return s;
}

// The kernels below are small module-level functions of their arguments only, so V8 optimises each on its own
// rather than as part of the large path function. Dot products keep the four partial sums of the earlier inline loops;
// the moment sums use two partial sums each (their results move by rounding only, ~1e-16 relative).

/** Σ_t a[t]·b[t] over t < n, four interleaved partial sums. */
function denseDot(a: Float64Array, b: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  const len = n - 3;
  for (; t < len; t += 4) {
    s0 += a[t]! * b[t]!;
    s1 += a[t + 1]! * b[t + 1]!;
    s2 += a[t + 2]! * b[t + 2]!;
    s3 += a[t + 3]! * b[t + 3]!;
  }
  for (; t < n; t++) s0 += a[t]! * b[t]!;
  return s0 + s1 + (s2 + s3);
}

/** r[i] −= d·vv[i], then Σ_i r[i]·x[i] over the updated r: {@link denseAxpy} and {@link denseDot} in one sweep. */
function denseAxpyDot(r: Float64Array, vv: Float64Array, d: number, x: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  const len = n - 3;
  for (; t < len; t += 4) {
    const r0 = r[t]! - d * vv[t]!;
    const r1 = r[t + 1]! - d * vv[t + 1]!;
    const r2 = r[t + 2]! - d * vv[t + 2]!;
    const r3 = r[t + 3]! - d * vv[t + 3]!;
    r[t] = r0;
    r[t + 1] = r1;
    r[t + 2] = r2;
    r[t + 3] = r3;
    s0 += r0 * x[t]!;
    s1 += r1 * x[t + 1]!;
    s2 += r2 * x[t + 2]!;
    s3 += r3 * x[t + 3]!;
  }
  for (; t < n; t++) {
    const r0 = r[t]! - d * vv[t]!;
    r[t] = r0;
    s0 += r0 * x[t]!;
  }
  return s0 + s1 + (s2 + s3);
}

/** Σ_t r[idx[t]]·val[t], four interleaved partial sums. */
function gatherDot(r: Float64Array, idx: Int32Array, val: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  const nn = idx.length;
  const len = nn - 3;
  for (; t < len; t += 4) {
    s0 += r[idx[t]!]! * val[t]!;
    s1 += r[idx[t + 1]!]! * val[t + 1]!;
    s2 += r[idx[t + 2]!]! * val[t + 2]!;
    s3 += r[idx[t + 3]!]! * val[t + 3]!;
  }
  for (; t < nn; t++) s0 += r[idx[t]!]! * val[t]!;
  return s0 + s1 + (s2 + s3);
}

/** r[i] −= d·vv[i] for i < n. */
function denseAxpy(r: Float64Array, vv: Float64Array, d: number, n: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    r[i]! -= d * vv[i]!;
    r[i + 1]! -= d * vv[i + 1]!;
    r[i + 2]! -= d * vv[i + 2]!;
    r[i + 3]! -= d * vv[i + 3]!;
  }
  for (; i < n; i++) r[i]! -= d * vv[i]!;
}

/** r[idx[t]] −= d·vv[t]. */
function scatterAxpy(r: Float64Array, idx: Int32Array, vv: Float64Array, d: number): void {
  const nn = idx.length;
  let t = 0;
  for (; t + 3 < nn; t += 4) {
    r[idx[t]!]! -= d * vv[t]!;
    r[idx[t + 1]!]! -= d * vv[t + 1]!;
    r[idx[t + 2]!]! -= d * vv[t + 2]!;
    r[idx[t + 3]!]! -= d * vv[t + 3]!;
  }
  for (; t < nn; t++) r[idx[t]!]! -= d * vv[t]!;
}

/** vv = v ∘ val and out = [Σ vv, Σ vv·val] over a dense column; two partial sums each (the adds are latency-bound). */
function denseMoments(
  v: Float64Array,
  val: Float64Array,
  vv: Float64Array,
  n: number,
  out: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let q0 = 0;
  let q1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const x0 = val[i]!;
    const x1 = val[i + 1]!;
    const t0 = v[i]! * x0;
    const t1 = v[i + 1]! * x1;
    vv[i] = t0;
    vv[i + 1] = t1;
    s0 += t0;
    s1 += t1;
    q0 += t0 * x0;
    q1 += t1 * x1;
  }
  if (i < n) {
    const t0 = v[i]! * val[i]!;
    vv[i] = t0;
    s0 += t0;
    q0 += t0 * val[i]!;
  }
  out[0] = s0 + s1;
  out[1] = q0 + q1;
}

/** As {@link denseMoments} over the deviations of a base-plus-deviations column. */
function sparseMoments(
  v: Float64Array,
  idx: Int32Array,
  val: Float64Array,
  vv: Float64Array,
  out: Float64Array,
): void {
  const nn = idx.length;
  let s0 = 0;
  let s1 = 0;
  let q0 = 0;
  let q1 = 0;
  let t = 0;
  for (; t + 1 < nn; t += 2) {
    const x0 = val[t]!;
    const x1 = val[t + 1]!;
    const u0 = v[idx[t]!]! * x0;
    const u1 = v[idx[t + 1]!]! * x1;
    vv[t] = u0;
    vv[t + 1] = u1;
    s0 += u0;
    s1 += u1;
    q0 += u0 * x0;
    q1 += u1 * x1;
  }
  if (t < nn) {
    const u0 = v[idx[t]!]! * val[t]!;
    vv[t] = u0;
    s0 += u0;
    q0 += u0 * val[t]!;
  }
  out[0] = s0 + s1;
  out[1] = q0 + q1;
}

/**
 * One IRLS refresh from the linear predictor: q = logistic(eta) (0 or 1 beyond ±fmax, as glmnet), Newton weights
 * v = w·q(1 − q), residuals rt = w(y − q); out = [Σ v, Σ rt].
 */
function irlsWeights(
  eta: Float64Array,
  w: Float64Array,
  y: Float64Array,
  q: Float64Array,
  v: Float64Array,
  rt: Float64Array,
  n: number,
  fmax: number,
  out: Float64Array,
): void {
  const fmin = -fmax;
  let xmz = 0;
  let rsum = 0;
  for (let i = 0; i < n; i++) {
    const fi = eta[i]!;
    const qi = fi < fmin ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
    q[i] = qi;
    const wi = w[i]!;
    const vi = wi * qi * (1 - qi);
    v[i] = vi;
    xmz += vi;
    const ri = wi * (y[i]! - qi);
    rt[i] = ri;
    rsum += ri;
  }
  out[0] = xmz;
  out[1] = rsum;
}
