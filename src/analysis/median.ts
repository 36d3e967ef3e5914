/** The median of a list of numbers. @module */

/**
 * The median, or undefined for an empty list (an empty list has no middle: callers show "n/a").
 * Runs in O(n log n).
 * @example median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
