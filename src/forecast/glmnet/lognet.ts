/**
 * Binomial elastic-net path by coordinate descent: a line-by-line port of glmnet's `lognet2n` (the two-class
 * logistic solver of Friedman, Hastie & Tibshirani 2010, "Regularization Paths for Generalized Linear Models via
 * Coordinate Descent", J. Stat. Softw. 33(1)), so that results agree with R's glmnet to rounding.
 * @module
 */
import { kernelMemory, kernels } from "./simd-kernels.js";

const { dot, axpy, axpyDot, gatherDot, scatterAxpy, denseMoments, sparseMoments, irls } = kernels;

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
 * instead of O(n). The inner loops (dot products, residual updates, weighted moments, the IRLS refresh) run as
 * WebAssembly SIMD kernels ({@link ./simd-kernels.ts}) that repeat the scalar loops' floating-point operations
 * exactly. Runs in O(passes × Σ deviations); lays out O(n × p) bytes in the kernels' memory once.
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
  const mm = new Int32Array(p);
  const m = new Int32Array(p);
  const ixx = new Uint8Array(p);
  // Everything the kernels touch lives in their memory, addressed by byte offsets: the work vectors rt, v, q, eta,
  // copies of w and y, and per column its values, v ∘ values (refreshed with xv: the residual update then needs
  // one load less) and, for a base-plus-deviations column, its row indices. Each array starts on a 16-byte
  // boundary; bytes 0–15 receive the kernels' two outputs.
  const colBase = new Float64Array(p);
  const colLen = new Int32Array(p);
  const colVal = new Int32Array(p);
  const colVv = new Int32Array(p);
  /** Byte offset of the row indices, or −1 for a dense column. */
  const colIdx = new Int32Array(p);
  const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;
  let top = 16;
  const take = (bytes: number): number => {
    const at = top;
    top += align(bytes);
    return at;
  };
  const rtAt = take(8 * n);
  const vAt = take(8 * n);
  const qAt = take(8 * n);
  const etaAt = take(8 * n);
  const wAt = take(8 * n);
  const yAt = take(8 * n);
  for (let k = 0; k < p; k++) {
    const col = cols[k]!;
    const len = col.val.length;
    colBase[k] = col.base;
    colLen[k] = len;
    colVal[k] = take(8 * len);
    colVv[k] = take(8 * len);
    colIdx[k] = col.idx === null ? -1 : take(4 * len);
  }
  const heap = kernelMemory(top);
  heap.f64.set(w, wAt / 8);
  heap.f64.set(y, yAt / 8);
  for (let k = 0; k < p; k++) {
    const col = cols[k]!;
    heap.f64.set(col.val, colVal[k]! / 8);
    if (col.idx !== null) heap.i32.set(col.idx, colIdx[k]! / 4);
  }
  const view = (at: number): Float64Array => heap.f64.subarray(at / 8, at / 8 + n);
  const rt = view(rtAt);
  const v = view(vAt);
  const q = view(qAt);
  const eta = view(etaAt);
  /** The kernels' two outputs. */
  const mom = heap.f64.subarray(0, 2);
  const fmax = Math.log(1 / pmin - 1);
  const vmin = (1 + pmin) * pmin * (1 - pmin);
  const omb = 1 - bta;
  // Scalars shared with the step helpers live in a typed array: captured `let` doubles would be boxed on every write.
  const st = new Float64Array(7);
  /** Column whose gradient dot product st[PENDING] already holds (−1: none). */
  let pending = -1;
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
      for (let l = 0; l < nin; l++) base += b[m[l]!]! * colBase[m[l]!]!;
      eta.fill(base);
      for (let l = 0; l < nin; l++) {
        const k = m[l]!;
        const bk = b[k]!;
        if (bk === 0) continue;
        const idx = colIdx[k]!;
        // eta += bk·x_k, written as eta −= (−bk)·x_k (the same floating-point result).
        if (idx < 0) axpy(etaAt, colVal[k]!, -bk, n);
        else scatterAxpy(etaAt, idx, colVal[k]!, -bk, colLen[k]!);
      }
      irls(etaAt, wAt, yAt, qAt, vAt, rtAt, n, fmax, 0);
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
    const idx = colIdx[k]!;
    let s: number;
    if (pending === k) {
      s = st[PENDING]!;
      pending = -1;
    } else s = idx < 0 ? dot(rtAt, colVal[k]!, n) : gatherDot(rtAt, idx, colVal[k]!, colLen[k]!);
    const c = st[C]!;
    return colBase[k]! * (st[RSUM]! - c * st[XMZ]!) + s - (c === 0 ? 0 : c * sv[k]!);
  }

  // xv_k = Σ v x_k² and sv_k = Σ v·dev_k for the current weights.
  function weightedMoments(k: number): void {
    const idx = colIdx[k]!;
    if (idx < 0) denseMoments(vAt, colVal[k]!, colVv[k]!, n, 0);
    else sparseMoments(vAt, idx, colVal[k]!, colVv[k]!, colLen[k]!, 0);
    const s = mom[0]!;
    sv[k] = s;
    const base = colBase[k]!;
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
    const idx = colIdx[k]!;
    st[C]! += d * colBase[k]!;
    st[RSUM]! -= d * sv[k]!;
    const vv = colVv[k]!;
    if (idx < 0) {
      if (next >= 0 && colIdx[next]! < 0) {
        st[PENDING] = axpyDot(rtAt, vv, d, colVal[next]!, n);
        pending = next;
      } else axpy(rtAt, vv, d, n);
    } else scatterAxpy(rtAt, idx, vv, d, colLen[k]!);
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
