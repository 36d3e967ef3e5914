/**
 * One regression tree on gradient statistics (Chen & Guestrin 2016, XGBoost, eq. 6–7): depth-limited, histogram
 * splits maximising G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), node values −G/(H+λ) scaled by the learning rate.
 * O(depth × n × p + bins).
 * @module
 */
import type { Binned } from "./binning.js";
import { type TreeParams, growHistogramTree } from "./histogram-tree.js";

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
  const used: number[] = [];
  for (let j = 0; j < p; j++) if (useFeature[j]) used.push(j);
  return growHistogramTree(binned, n, g, h, rows, {
    lambda: s.lambda,
    minChild: s.minChildHessian,
    value: (G, H) => (-G / (H + s.lambda)) * s.learningRate,
    splittable: (_G, H, depth) => depth < s.maxDepth && H >= 2 * s.minChildHessian,
    features: (out) => {
      out.set(used);
      return used.length;
    },
  });
}
