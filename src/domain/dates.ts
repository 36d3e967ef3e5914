/**
 * Calendar dates with an honest precision: a record may be known to the day, the month, the year or only
 * as a range. All dates are UTC calendar days written `YYYY-MM-DD`; nothing here reads a clock.
 * @module
 */

/** How precisely a date is known. `range` means "somewhere between `from` and `to`". */
export type DatePrecision = "day" | "month" | "year" | "range";

/** When something happened: the earliest and latest day it may have happened on, and how precise that is. */
export interface When {
  readonly from: string;
  readonly to: string;
  readonly precision: DatePrecision;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

/** True when `s` is a real calendar day `YYYY-MM-DD` (so `1994-02-30` is false). */
export function isIsoDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

/** The first and last day covered by a day, month or year literal, or `undefined` when it is none of those. */
function spanOf(s: string): { from: string; to: string; precision: "day" | "month" | "year" } | undefined {
  if (isIsoDay(s)) return { from: s, to: s, precision: "day" };
  const m = MONTH.exec(s);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return { from: `${m[1]}-${m[2]}-01`, to: lastDayOfMonth(Number(m[1]), month), precision: "month" };
  }
  const y = YEAR.exec(s);
  if (y) return { from: `${y[1]}-01-01`, to: `${y[1]}-12-31`, precision: "year" };
  return undefined;
}

/**
 * Parse the human form of a date used in case files.
 * @example parseWhen("1994-01-11") // { from: "1994-01-11", to: "1994-01-11", precision: "day" }
 * @example parseWhen("1992-12/1993-01") // { from: "1992-12-01", to: "1993-01-31", precision: "range" }
 * @returns the span, or an error message naming what is wrong.
 */
export function parseWhen(text: string): When | { readonly error: string } {
  const parts = text.split("/");
  if (parts.length > 2) return { error: `"${text}" has more than one "/"` };
  const a = spanOf(parts[0] ?? "");
  if (!a) return { error: `"${parts[0]}" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)` };
  if (parts.length === 1) return a;
  const b = spanOf(parts[1] ?? "");
  if (!b) return { error: `"${parts[1]}" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)` };
  if (b.to < a.from) return { error: `range "${text}" ends before it starts` };
  return { from: a.from, to: b.to, precision: "range" };
}

/** Format a span back into its human form (the inverse of {@link parseWhen}). */
export function formatWhen(w: When): string {
  switch (w.precision) {
    case "day":
      return w.from;
    case "month":
      return w.from.slice(0, 7);
    case "year":
      return w.from.slice(0, 4);
    case "range":
      return `${w.from}/${w.to}`;
  }
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The earlier of two days. */
export function minDay(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two days. */
export function maxDay(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * Earliest and latest day a record may mention, for case files and imports alike. Outside this window a date is
 * almost surely a typing or unit mistake (milliseconds for seconds, 9999-12-31 for "unknown").
 */
export const PLAUSIBLE_FROM = "1800-01-01";
export const PLAUSIBLE_TO = "2100-12-31";
