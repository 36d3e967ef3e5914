/**
 * A probability forest (Breiman 2001, "Random Forests"; Malley et al. 2012, "Probability machines"): regression
 * trees on the 0/1 outcome grown on bootstrap samples with `mtry` predictors tried per split, pure nodes left
 * unsplit; the probability is the mean of the leaf means. Histogram splits by variance reduction.
 * O(trees × n × mtry × depth).
 * @module
 */
import { type Rng, mulberry32 } from "../stats/random.js";
import { type Binned, binColumns } from "./binning.js";
import { type TreeParams, attributePath, growHistogramTree, leafOf } from "./histogram-tree.js";

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
  const ones = new Float64Array(n).fill(1);
  for (let t = 0; t < s.trees; t++) {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = Math.floor(rng() * n);
    trees.push(growForestTree(binned, n, p, y, ones, rows, s, rng));
  }
  return { trees };
}

function growForestTree(
  binned: Binned,
  n: number,
  p: number,
  y: Float64Array,
  ones: Float64Array,
  rows: Int32Array,
  s: ForestSettings,
  rng: Rng,
): TreeParams {
  const feats = Int32Array.from({ length: p }, (_, j) => j);
  return growHistogramTree(binned, n, y, ones, rows, {
    lambda: 0,
    minChild: s.minNodeSize,
    value: (S, N) => S / N,
    splittable: (S, N) => N >= 2 * s.minNodeSize && S !== 0 && S !== N,
    // A partial Fisher–Yates shuffle draws mtry distinct predictors per node.
    features: (out) => {
      for (let k = 0; k < s.mtry; k++) {
        const r = k + Math.floor(rng() * (p - k));
        const j = feats[r]!;
        feats[r] = feats[k]!;
        feats[k] = j;
        out[k] = j;
      }
      return s.mtry;
    },
  });
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
