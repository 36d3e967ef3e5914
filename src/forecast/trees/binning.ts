/**
 * Histogram binning for tree growing: each predictor's training values mapped to at most `maxBins` ordered bins,
 * with the bin's upper edge as the split threshold (x ≤ edge goes left). Few distinct values get one bin each.
 * O(n log n) per predictor.
 * @module
 */

/** Binned training predictors. */
export interface Binned {
  /** Bin codes, column-major (n × p). */
  readonly codes: Uint8Array;
  /** Upper edge of each bin, per predictor. */
  readonly edges: readonly Float64Array[];
}

/**
 * Bin column-major `x` (n × p).
 * @example binColumns(Float64Array.of(0, 1, 1, 0), 4, 1, 32).edges[0] // [0, 1]
 */
export function binColumns(x: Float64Array, n: number, p: number, maxBins: number): Binned {
  const codes = new Uint8Array(n * p);
  const edges: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const col = x.subarray(j * n, (j + 1) * n);
    const sorted = Float64Array.from(col).sort();
    const uniq: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) uniq.push(sorted[i]!);
    let e: number[];
    if (uniq.length <= maxBins) e = uniq;
    else {
      e = [];
      for (let k = 1; k <= maxBins; k++) {
        const q = sorted[Math.min(n - 1, Math.ceil((k * n) / maxBins) - 1)]!;
        if (e.length === 0 || q > e[e.length - 1]!) e.push(q);
      }
      if (e[e.length - 1]! < sorted[n - 1]!) e.push(sorted[n - 1]!);
    }
    const ej = Float64Array.from(e);
    edges.push(ej);
    for (let i = 0; i < n; i++) codes[j * n + i] = binOf(ej, col[i]!);
  }
  return { codes, edges };
}

/** The first bin whose edge is ≥ v (binary search); the last bin for larger values. */
function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
