/**
 * Gradient-boosted trees for a binary outcome (Friedman 2001, "Greedy function approximation"; second-order
 * steps as in XGBoost): logistic loss, shallow histogram trees, shrinkage, seeded row and column subsampling.
 * O(rounds × depth × n × p).
 * @module
 */
import { mulberry32 } from "../stats/random.js";
import { binColumns } from "./binning.js";
import { type TreeParams, attributePath, leafOf } from "./histogram-tree.js";
import { type TreeSettings, growTree } from "./regression-tree.js";

/** Boosting settings. */
export interface BoostSettings extends TreeSettings {
  readonly rounds: number;
  readonly subsample: number;
  readonly colsample: number;
  readonly maxBins: number;
}

/** A fitted ensemble: base log-odds plus trees. */
export interface BoostedTrees {
  readonly base: number;
  readonly trees: TreeParams[];
}

/**
 * Fit on column-major `x` (n × p) and 0/1 `y`.
 * @example fitBoostedTrees(x, n, p, y, settings, 1).trees.length === settings.rounds
 */
export function fitBoostedTrees(
  x: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
  s: BoostSettings,
  seed: number,
): BoostedTrees {
  const rng = mulberry32(seed);
  const binned = binColumns(x, n, p, s.maxBins);
  let pos = 0;
  for (const v of y) pos += v;
  const rate = Math.min(Math.max(pos / n, 1e-6), 1 - 1e-6);
  const base = Math.log(rate / (1 - rate));
  const f = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: TreeParams[] = [];
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const nsub = Math.max(1, Math.round(s.subsample * n));
  const use = new Uint8Array(p);
  const fperm = Int32Array.from({ length: p }, (_, j) => j);
  const ncol = Math.max(1, Math.round(s.colsample * p));
  for (let t = 0; t < s.rounds; t++) {
    for (let i = 0; i < n; i++) {
      const pi = 1 / (1 + Math.exp(-f[i]!));
      g[i] = pi - y[i]!;
      h[i] = Math.max(pi * (1 - pi), 1e-12);
    }
    partialShuffle(perm, nsub, rng);
    partialShuffle(fperm, ncol, rng);
    use.fill(0);
    for (let k = 0; k < ncol; k++) use[fperm[k]!] = 1;
    const rows = Int32Array.from(perm.subarray(0, nsub)).sort();
    const tree = growTree(binned, n, p, g, h, rows, use, s);
    trees.push(tree);
    // Update the scores of all rows from their binned position (same path as the raw thresholds).
    for (let i = 0; i < n; i++) {
      let k = 0;
      while (tree.feature[k]! >= 0)
        k = x[tree.feature[k]! * n + i]! <= tree.threshold[k]! ? tree.left[k]! : tree.right[k]!;
      f[i]! += tree.value[k]!;
    }
  }
  return { base, trees };
}

/** Log-odds of row `i` of row-major rows (m × p). */
export function boostedLink(model: BoostedTrees, rows: Float64Array, i: number, p: number): number {
  let s = model.base;
  for (const t of model.trees) s += t.value[leafOf(t, rows, i, p)]!;
  return s;
}

/** Per-predictor Saabas contributions to one row's log-odds (relative to base + Σ root values). */
export function boostedContributions(model: BoostedTrees, row: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p);
  for (const t of model.trees) attributePath(t, row, out);
  return out;
}

// First k slots of `a` become a uniform random sample without replacement (Fisher–Yates prefix).
function partialShuffle(a: Int32Array, k: number, rng: () => number): void {
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (a.length - i));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
