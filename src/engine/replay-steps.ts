/**
 * The calendar of a replay: its step days (day, week or month), and the first day at each level.
 * @module
 */
import { addDays } from "../domain/index.js";
import type { RuledLevel } from "./rulebook.js";

export const REPLAY_STEPS = ["day", "week", "month"] as const;
export type ReplayStep = (typeof REPLAY_STEPS)[number];

/** The first day on which any situation (or the evaluated one) reached each level or above; null if never. */
export type LevelDates = Readonly<Record<RuledLevel, string | null>>;

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonth(day: string, anchorDay: number): string {
  let y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7)) + 1;
  if (m > 12) {
    m = 1;
    y += 1;
  }
  const d = Math.min(anchorDay, lastDayOfMonth(y, m));
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The step days of a replay: `from`, then every step, and `to` last even when it falls between steps.
 * @example stepDates("1994-01-31", "1994-04-15", "month") // ["1994-01-31", "1994-02-28", "1994-03-31", "1994-04-15"]
 */
export function stepDates(from: string, to: string, step: ReplayStep): string[] {
  const out: string[] = [];
  const anchor = Number(from.slice(8, 10));
  let d = from;
  while (d <= to) {
    out.push(d);
    d = step === "day" ? addDays(d, 1) : step === "week" ? addDays(d, 7) : addMonth(d, anchor);
  }
  if (out.length > 0 && out[out.length - 1] !== to) out.push(to);
  return out;
}

/**
 * The days a replay assesses: the step days of {@link stepDates} plus every distinct day in the range on which a
 * record becomes known, so a level change is dated to the day its evidence arrived, not to the next step boundary.
 * @example assessedDates("1994-01-01", "1994-01-15", "week", ["1994-01-03"]) // ["1994-01-01", "1994-01-03", "1994-01-08", "1994-01-15"]
 */
export function assessedDates(
  from: string,
  to: string,
  step: ReplayStep,
  knownDays: Iterable<string>,
): string[] {
  const days = new Set(stepDates(from, to, step));
  for (const k of knownDays) {
    const day = k.slice(0, 10);
    if (day >= from && day <= to) days.add(day);
  }
  return [...days].sort();
}
