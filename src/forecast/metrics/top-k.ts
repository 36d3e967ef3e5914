/**
 * Onsets caught in the top k: how many positives are among the k highest-ranked rows (EWP reports k = 30).
 * @module
 */

/**
 * Order of rows by descending score; ties keep input order so rankings are reproducible. O(n log n).
 * @example rankOrder(Float64Array.of(0.1, 0.9, 0.5)) // [1, 2, 0]
 */
export function rankOrder(scores: Float64Array): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/**
 * Positives among the k highest scores.
 * @example topK(Float64Array.of(0.1, 0.9, 0.5), Float64Array.of(1, 1, 0), 2) // 1
 */
export function topK(scores: Float64Array, labels: Float64Array, k: number): number {
  const order = rankOrder(scores);
  let c = 0;
  for (let t = 0; t < Math.min(k, order.length); t++) if (labels[order[t]!] === 1) c++;
  return c;
}
