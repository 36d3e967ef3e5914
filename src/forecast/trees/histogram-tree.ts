/**
 * Trees as flat arrays and one histogram grower shared by the random forest and gradient boosting. Every node
 * carries two sums over its rows, A = Σa and B = Σb (forest: a = y, b = 1; boosting: a = gradient, b = hessian),
 * and a split maximises A_L²/(B_L+λ) + A_R²/(B_R+λ) − A²/(B+λ) over histogram bin edges (Chen & Guestrin 2016,
 * eq. 7; with λ = 0 and b = 1 it is the variance reduction of Breiman's CART). Every node keeps its value so a
 * prediction can be attributed along its path (Saabas 2014).
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

/** What differs between the growers: node values, when to stop, which predictors to try, the split limits. */
export interface SplitRule {
  /** λ in the gain (0: no shrinkage). */
  readonly lambda: number;
  /** The least B a child may have (a count for the forest, a hessian sum for boosting). */
  readonly minChild: number;
  /** The value stored at a node with sums A and B. */
  readonly value: (A: number, B: number) => number;
  /** Whether a node at `depth` with sums A and B may be split at all. */
  readonly splittable: (A: number, B: number, depth: number) => boolean;
  /** Write the predictors to try at this node into `out`; return how many. */
  readonly features: (out: Int32Array) => number;
}

/**
 * Grow a tree on `rows` (with repeats, for bootstrap samples) of binned column-major data with n rows.
 * @example growHistogramTree(binned, n, y, ones, rows, rule).feature[0] // the root's split predictor, or −1
 */
export function growHistogramTree(
  binned: Binned,
  n: number,
  a: Float64Array,
  b: Float64Array,
  rows: Int32Array,
  rule: SplitRule,
): TreeParams {
  const tree: TreeParams = { feature: [], threshold: [], left: [], right: [], value: [] };
  const maxBins = Math.max(...binned.edges.map((e) => e.length));
  const ha = new Float64Array(maxBins);
  const hb = new Float64Array(maxBins);
  const tried = new Int32Array(binned.edges.length);
  const { lambda, minChild } = rule;
  const grow = (idx: Int32Array, depth: number): number => {
    let A = 0;
    let B = 0;
    for (const i of idx) {
      A += a[i]!;
      B += b[i]!;
    }
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(rule.value(A, B));
    if (!rule.splittable(A, B, depth)) return node;
    const parent = (A * A) / (B + lambda);
    let bestGain = 1e-12;
    let bestJ = -1;
    let bestBin = -1;
    const m = rule.features(tried);
    for (let k = 0; k < m; k++) {
      const j = tried[k]!;
      const nb = binned.edges[j]!.length;
      if (nb < 2) continue;
      ha.fill(0, 0, nb);
      hb.fill(0, 0, nb);
      const off = j * n;
      for (const i of idx) {
        const bin = binned.codes[off + i]!;
        ha[bin]! += a[i]!;
        hb[bin]! += b[i]!;
      }
      let al = 0;
      let bl = 0;
      for (let bin = 0; bin < nb - 1; bin++) {
        al += ha[bin]!;
        bl += hb[bin]!;
        const br = B - bl;
        if (bl < minChild || br < minChild) continue;
        const ar = A - al;
        const gain = (al * al) / (bl + lambda) + (ar * ar) / (br + lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestJ = j;
          bestBin = bin;
        }
      }
    }
    if (bestJ < 0) return node;
    const off = bestJ * n;
    let nl = 0;
    for (const i of idx) if (binned.codes[off + i]! <= bestBin) nl++;
    const li = new Int32Array(nl);
    const ri = new Int32Array(idx.length - nl);
    let l = 0;
    let r = 0;
    for (const i of idx) {
      if (binned.codes[off + i]! <= bestBin) li[l++] = i;
      else ri[r++] = i;
    }
    tree.feature[node] = bestJ;
    tree.threshold[node] = binned.edges[bestJ]![bestBin]!;
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
