/**
 * One regression tree on gradient statistics (Chen & Guestrin 2016, XGBoost, eq. 6–7): depth-limited, histogram
 * splits maximising G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), node values −G/(H+λ) scaled by the learning rate.
 * Every node keeps its value so predictions can be attributed along the path (Saabas). O(depth × n × p + bins).
 * @module
 */
import type { Binned } from "./binning.js";

/** A tree as flat arrays (plain JSON): feature −1 marks a leaf; x ≤ threshold goes left. */
export interface TreeParams {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

/** Growing settings. */
export interface TreeSettings {
  readonly maxDepth: number;
  readonly lambda: number;
  readonly minChildHessian: number;
  readonly learningRate: number;
}

/**
 * Grow a tree on `rows` of the binned data, using only predictors flagged in `useFeature`.
 * @example growTree(binned, n, p, g, h, rows, use, { maxDepth: 3, lambda: 1, minChildHessian: 1, learningRate: 0.05 })
 */
export function growTree(
  binned: Binned,
  n: number,
  p: number,
  g: Float64Array,
  h: Float64Array,
  rows: Int32Array,
  useFeature: Uint8Array,
  s: TreeSettings,
): TreeParams {
  const tree: TreeParams = { feature: [], threshold: [], left: [], right: [], value: [] };
  const maxBins = Math.max(...binned.edges.map((e) => e.length));
  const hg = new Float64Array(maxBins);
  const hh = new Float64Array(maxBins);
  const grow = (idx: Int32Array, depth: number): number => {
    let G = 0;
    let H = 0;
    for (const i of idx) {
      G += g[i]!;
      H += h[i]!;
    }
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-G / (H + s.lambda)) * s.learningRate);
    if (depth >= s.maxDepth || H < 2 * s.minChildHessian) return node;
    const parentScore = (G * G) / (H + s.lambda);
    let bestGain = 1e-12;
    let bestJ = -1;
    let bestB = -1;
    for (let j = 0; j < p; j++) {
      if (!useFeature[j]) continue;
      const nb = binned.edges[j]!.length;
      if (nb < 2) continue;
      hg.fill(0, 0, nb);
      hh.fill(0, 0, nb);
      const off = j * n;
      for (const i of idx) {
        const b = binned.codes[off + i]!;
        hg[b]! += g[i]!;
        hh[b]! += h[i]!;
      }
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += hg[b]!;
        hl += hh[b]!;
        const hr = H - hl;
        if (hl < s.minChildHessian || hr < s.minChildHessian) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + s.lambda) + (gr * gr) / (hr + s.lambda) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestJ = j;
          bestB = b;
        }
      }
    }
    if (bestJ < 0) return node;
    const off = bestJ * n;
    let nl = 0;
    for (const i of idx) if (binned.codes[off + i]! <= bestB) nl++;
    const li = new Int32Array(nl);
    const ri = new Int32Array(idx.length - nl);
    let a = 0;
    let c = 0;
    for (const i of idx) {
      if (binned.codes[off + i]! <= bestB) li[a++] = i;
      else ri[c++] = i;
    }
    tree.feature[node] = bestJ;
    tree.threshold[node] = binned.edges[bestJ]![bestB]!;
    tree.left[node] = grow(li, depth + 1);
    tree.right[node] = grow(ri, depth + 1);
    return node;
  };
  grow(rows, 0);
  return tree;
}

/** The leaf reached by row `i` of row-major `rows` (m × p). */
export function leafOf(tree: TreeParams, rows: Float64Array, i: number, p: number): number {
  let k = 0;
  while (tree.feature[k]! >= 0)
    k = rows[i * p + tree.feature[k]!]! <= tree.threshold[k]! ? tree.left[k]! : tree.right[k]!;
  return k;
}

/**
 * Saabas path attribution (Saabas 2014, "Interpreting random forests"): each split on the path credits its
 * feature with the change in node value; contributions telescope to leaf − root. Adds into `out`.
 */
export function attributePath(tree: TreeParams, row: Float64Array, out: Float64Array): void {
  let k = 0;
  while (tree.feature[k]! >= 0) {
    const f = tree.feature[k]!;
    const next = row[f]! <= tree.threshold[k]! ? tree.left[k]! : tree.right[k]!;
    out[f]! += tree.value[next]! - tree.value[k]!;
    k = next;
  }
}
