/**
 * Brier score (mean squared error of probabilities, Brier 1950) and Brier skill against a reference forecast.
 * @module
 */

/**
 * Mean of (p − y)²; null for no rows. O(n).
 * @example brier(Float64Array.of(0.2, 0.9), Float64Array.of(0, 1)) // (0.04 + 0.01) / 2 = 0.025
 */
export function brier(p: Float64Array, y: Float64Array): number | null {
  if (p.length === 0) return null;
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

/**
 * 1 − Brier(p)/Brier(reference): above 0 beats the reference (here each year's training base rate); null when the
 * reference is perfect or there are no rows.
 * @example brierSkill(Float64Array.of(0.2, 0.9), Float64Array.of(0.5, 0.5), Float64Array.of(0, 1)) // 1 − 0.025/0.25 = 0.9
 */
export function brierSkill(p: Float64Array, reference: Float64Array, y: Float64Array): number | null {
  const b = brier(p, y);
  const r = brier(reference, y);
  if (b === null || r === null || r === 0) return null;
  return 1 - b / r;
}
