/**
 * Calendar days as integers (days since 1970-01-01 UTC), so decay and windows are plain arithmetic.
 * @module
 */

/** The day number of a `YYYY-MM-DD` day. @example dayNumber("1970-01-02") // 1 */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/** The `YYYY-MM-DD` day of a day number. @example dayOfNumber(1) // "1970-01-02" */
export function dayOfNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
