/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative, ties counting
 * one half (the Mann–Whitney U statistic divided by m·n). O(N log N) by ranking with mid-ranks.
 * @module
 */

/**
 * AUC of `scores` against 0/1 `labels`; null when either class is absent (the AUC is undefined then).
 * @example auc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Float64Array.of(0, 0, 1, 1)) // 0.75
 */
export function auc(scores: Float64Array, labels: Float64Array): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < n;) {
    let k = i;
    while (k < n && scores[order[k]!] === scores[order[i]!]) k++;
    const midRank = (i + 1 + k) / 2;
    for (let t = i; t < k; t++) {
      if (labels[order[t]!] === 1) {
        rankSumPos += midRank;
        pos++;
      }
    }
    i = k;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
