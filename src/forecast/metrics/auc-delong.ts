/**
 * AUC with a 95% confidence interval by DeLong, DeLong & Clarke-Pearson (1988), "Comparing the areas under two
 * or more correlated ROC curves", Biometrics 44: structural components V10 (per positive) and V01 (per
 * negative), var(AUC) = s²(V10)/m + s²(V01)/n, interval AUC ± 1.96·SE clipped to [0, 1] (as pROC's default).
 * O(m·n) comparisons, fine for thousands of country-years.
 * @module
 */

/** AUC, its DeLong standard error and 95% interval. */
export interface AucInterval {
  readonly auc: number;
  readonly se: number;
  readonly low: number;
  readonly high: number;
}

/**
 * DeLong interval; null when either class is absent or a class has a single member (no variance).
 * @example delongAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8, 0.2), Float64Array.of(0, 0, 1, 1, 0))!.auc // 5/6
 */
export function delongAuc(scores: Float64Array, labels: Float64Array): AucInterval | null {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] === 1 ? pos : neg).push(scores[i]!);
  const m = pos.length;
  const n = neg.length;
  if (m < 2 || n < 2) return null;
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const x = pos[i]!;
    for (let j = 0; j < n; j++) {
      const y = neg[j]!;
      const psi = x > y ? 1 : x === y ? 0.5 : 0;
      v10[i]! += psi;
      v01[j]! += psi;
    }
  }
  let a = 0;
  for (let i = 0; i < m; i++) {
    v10[i]! /= n;
    a += v10[i]!;
  }
  a /= m;
  for (let j = 0; j < n; j++) v01[j]! /= m;
  const s10 = sampleVariance(v10, a);
  const s01 = sampleVariance(v01, a);
  const se = Math.sqrt(s10 / m + s01 / n);
  return { auc: a, se, low: Math.max(0, a - 1.959964 * se), high: Math.min(1, a + 1.959964 * se) };
}

function sampleVariance(v: Float64Array, mean: number): number {
  let s = 0;
  for (const x of v) s += (x - mean) ** 2;
  return s / (v.length - 1);
}
