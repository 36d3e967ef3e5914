/**
 * Risk-level timelines as the analyses take them: spans of one level for one situation. The analyses receive
 * a timeline as an argument (from an engine replay, or written by hand) and never run the engine themselves.
 * @module
 */
import { addDays, daysBetween, maxDay, minDay } from "../domain/index.js";

/** The engine's escalation levels, lowest first. */
export const RISK_LEVELS = ["none", "elevated", "high", "imminent", "ongoing"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** One level held by one situation from `from` (inclusive) to `to` (inclusive), or open-ended. */
export interface LevelSpan {
  readonly situation: string;
  readonly level: RiskLevel;
  readonly from: string;
  readonly to?: string;
  /** ISO alpha-3 code of the situation's country, when known (lets gaps match a mandate's country). */
  readonly country?: string;
}

/** A level change, as an engine alert reports it. */
export interface LevelChange {
  readonly date: string;
  readonly situation: string;
  readonly level: RiskLevel;
  readonly country?: string;
}

/** Rank of a level (none 0 … ongoing 4). */
export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** True when `level` is `min` or above. */
export function atLeast(level: RiskLevel, min: RiskLevel): boolean {
  return levelRank(level) >= levelRank(min);
}

/**
 * Turn level changes into spans: each change holds until the day before the next change of the same situation.
 * The last span of a situation is open-ended, or ends on `until` (e.g. the last day a replay assessed: past it
 * the level is not known).
 * @example levelSpansFromChanges([{ date: "1994-01-01", situation: "s", level: "high" }])
 *   // [{ situation: "s", level: "high", from: "1994-01-01" }]
 */
export function levelSpansFromChanges(changes: readonly LevelChange[], until?: string): LevelSpan[] {
  const bySituation = new Map<string, LevelChange[]>();
  for (const c of changes) {
    const list = bySituation.get(c.situation) ?? [];
    list.push(c);
    bySituation.set(c.situation, list);
  }
  const spans: LevelSpan[] = [];
  for (const list of bySituation.values()) {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    sorted.forEach((c, i) => {
      const next = sorted[i + 1];
      const base = { situation: c.situation, level: c.level, from: c.date };
      const withCountry = c.country === undefined ? base : { ...base, country: c.country };
      if (next !== undefined) spans.push({ ...withCountry, to: addDays(next.date, -1) });
      else if (until !== undefined && until >= c.date) spans.push({ ...withCountry, to: until });
      else if (until === undefined) spans.push(withCountry);
    });
  }
  return spans.sort((a, b) => a.from.localeCompare(b.from) || a.situation.localeCompare(b.situation));
}

/** A closed interval of days. */
export interface DayInterval {
  readonly from: string;
  readonly to: string;
}

/** The common part of two intervals, or undefined when they do not meet. */
export function intersect(a: DayInterval, b: DayInterval): DayInterval | undefined {
  const from = maxDay(a.from, b.from);
  const to = minDay(a.to, b.to);
  return from <= to ? { from, to } : undefined;
}

/** Days in a closed interval (a one-day interval has 1). */
export function intervalDays(i: DayInterval): number {
  return daysBetween(i.from, i.to) + 1;
}

/** The overlap of an interval with the spans at `min` level or above (clipped to `asOf`), and the highest level met. */
export interface LevelOverlap {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly maxLevel: RiskLevel;
  readonly situations: readonly string[];
}

/**
 * Where `interval` meets spans at `min` or above, up to `asOf`. Returns undefined when it never does.
 * Runs in O(spans).
 */
export function overlapAtLevel(
  interval: DayInterval,
  spans: readonly LevelSpan[],
  min: RiskLevel,
  asOf: string,
  country?: string,
): LevelOverlap | undefined {
  let from: string | undefined;
  let to: string | undefined;
  let days = 0;
  let maxLevel: RiskLevel = min;
  const situations = new Set<string>();
  for (const s of spans) {
    if (!atLeast(s.level, min)) continue;
    if (country !== undefined && s.country !== undefined && s.country !== country) continue;
    const part = intersect(interval, { from: s.from, to: minDay(s.to ?? asOf, asOf) });
    if (!part) continue;
    from = from === undefined ? part.from : minDay(from, part.from);
    to = to === undefined ? part.to : maxDay(to, part.to);
    days += intervalDays(part);
    if (levelRank(s.level) > levelRank(maxLevel)) maxLevel = s.level;
    situations.add(s.situation);
  }
  if (from === undefined || to === undefined) return undefined;
  return { from, to, days, maxLevel, situations: [...situations].sort() };
}

/** The first day a level of `min` or above is reached, if ever (by `asOf`). */
export function firstDayAtLevel(
  spans: readonly LevelSpan[],
  min: RiskLevel,
  asOf: string,
): string | undefined {
  let first: string | undefined;
  for (const s of spans) {
    if (!atLeast(s.level, min) || s.from > asOf) continue;
    first = first === undefined ? s.from : minDay(first, s.from);
  }
  return first;
}
