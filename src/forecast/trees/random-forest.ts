/**
 * A probability forest (Breiman 2001, "Random Forests"; Malley et al. 2012, "Probability machines"): regression
 * trees on the 0/1 outcome grown on bootstrap samples with `mtry` predictors tried per split, pure nodes left
 * unsplit; the probability is the mean of the leaf means. Histogram splits by variance reduction.
 * O(trees × n × mtry × depth).
 * @module
 */
import { type Rng, mulberry32 } from "../stats/random.js";
import { type Binned, binColumns } from "./binning.js";
import { type TreeParams, attributePath, leafOf } from "./regression-tree.js";

/** Forest settings. */
export interface ForestSettings {
  readonly trees: number;
  readonly mtry: number;
  readonly minNodeSize: number;
  readonly maxBins: number;
}

/** A fitted forest; node values are in-bag outcome means. */
export interface Forest {
  readonly trees: TreeParams[];
}

/**
 * Fit on column-major `x` (n × p) and 0/1 `y`.
 * @example fitForest(x, n, p, y, { trees: 100, mtry: 6, minNodeSize: 5, maxBins: 64 }, 1).trees.length // 100
 */
export function fitForest(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  s: ForestSettings,
  seed: number,
): Forest {
  const rng = mulberry32(seed);
  const binned = binColumns(x, n, p, s.maxBins);
  const trees: TreeParams[] = [];
  for (let t = 0; t < s.trees; t++) {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = Math.floor(rng() * n);
    trees.push(growForestTree(binned, n, p, y, rows, s, rng));
  }
  return { trees };
}

function growForestTree(
  binned: Binned,
  n: number,
  p: number,
  y: Float64Array,
  rows: Int32Array,
  s: ForestSettings,
  rng: Rng,
): TreeParams {
  const tree: TreeParams = { feature: [], threshold: [], left: [], right: [], value: [] };
  const maxBins = Math.max(...binned.edges.map((e) => e.length));
  const hs = new Float64Array(maxBins);
  const hn = new Float64Array(maxBins);
  const feats = Int32Array.from({ length: p }, (_, j) => j);
  const grow = (idx: Int32Array): number => {
    let S = 0;
    for (const i of idx) S += y[i]!;
    const N = idx.length;
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(S / N);
    if (N < 2 * s.minNodeSize || S === 0 || S === N) return node;
    const parent = (S * S) / N;
    let best = 1e-12;
    let bestJ = -1;
    let bestB = -1;
    for (let k = 0; k < s.mtry; k++) {
      const r = k + Math.floor(rng() * (p - k));
      const j = feats[r]!;
      feats[r] = feats[k]!;
      feats[k] = j;
      const nb = binned.edges[j]!.length;
      if (nb < 2) continue;
      hs.fill(0, 0, nb);
      hn.fill(0, 0, nb);
      const off = j * n;
      for (const i of idx) {
        const b = binned.codes[off + i]!;
        hs[b]! += y[i]!;
        hn[b]!++;
      }
      let sl = 0;
      let nl = 0;
      for (let b = 0; b < nb - 1; b++) {
        sl += hs[b]!;
        nl += hn[b]!;
        const nr = N - nl;
        if (nl < s.minNodeSize || nr < s.minNodeSize) continue;
        const sr = S - sl;
        const gain = (sl * sl) / nl + (sr * sr) / nr - parent;
        if (gain > best) {
          best = gain;
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
    const ri = new Int32Array(N - nl);
    let a = 0;
    let c = 0;
    for (const i of idx) {
      if (binned.codes[off + i]! <= bestB) li[a++] = i;
      else ri[c++] = i;
    }
    tree.feature[node] = bestJ;
    tree.threshold[node] = binned.edges[bestJ]![bestB]!;
    tree.left[node] = grow(li);
    tree.right[node] = grow(ri);
    return node;
  };
  grow(rows);
  return tree;
}

/** Mean leaf value of row `i` of row-major rows (m × p). */
export function forestProbability(forest: Forest, rows: Float64Array, i: number, p: number): number {
  let s = 0;
  for (const t of forest.trees) s += t.value[leafOf(t, rows, i, p)]!;
  return s / forest.trees.length;
}

/** Saabas contributions in probability points (mean over trees); they sum to p − mean root value. */
export function forestContributions(
  forest: Forest,
  row: Float64Array,
  p: number,
): { contributions: Float64Array; root: number } {
  const out = new Float64Array(p);
  let root = 0;
  for (const t of forest.trees) {
    attributePath(t, row, out);
    root += t.value[0]!;
  }
  const k = forest.trees.length;
  for (let j = 0; j < p; j++) out[j]! /= k;
  return { contributions: out, root: root / k };
}
