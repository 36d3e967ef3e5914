/**
 * Event-count series: incidents → a monthly series per country (and per admin1) of one-sided violence events
 * and fatalities, each month compared with the situation's own trailing window (ratio to the trailing mean
 * and z-score). The engine's `series` mappings turn surges in these series into evidence
 * (see `series-evidence.ts`); importers re-export {@link aggregateIndicators} for analysis of imported data.
 * Pure: no I/O, no clock (the "as of" day is an argument).
 * @module
 */
import { addDays, bestOf, daysBetween, eventsOf, type ActType, type Incident } from "../domain/index.js";
import type { SeriesName } from "./rulebook.js";

/** A series situation: a country (ISO 3166-1 alpha-3) or one of its first-level admin units. */
export interface SeriesSituation {
  readonly country: string;
  readonly admin1?: string;
}

/** One month of a series. Comparisons are absent when the situation has too little history. */
export interface IndicatorPoint {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly events: number;
  readonly fatalities: number;
  /** (events + 1) / (trailing mean + 1): add-one smoothing keeps a first event after quiet months finite. */
  readonly eventsRatio?: number;
  /** (events − trailing mean) / trailing sample standard deviation; absent when the deviation is 0. */
  readonly eventsZ?: number;
  readonly fatalitiesRatio?: number;
  readonly fatalitiesZ?: number;
}

/** The series of one situation, month by month without gaps (quiet months are zeros). */
export interface IndicatorSeries {
  readonly situation: SeriesSituation;
  readonly indicator: SeriesName;
  readonly points: readonly IndicatorPoint[];
}

/** Options of the aggregation. */
export interface AggregateOptions {
  /** Only incidents known on or before this day count (no look-ahead in replays and backtests). */
  readonly asOf?: string;
  /** Months of history the comparison uses (default 12). */
  readonly window?: number;
  /** Fewest months of history before comparisons are given (default 6). */
  readonly minHistory?: number;
  /** Also produce admin1 series (default true). */
  readonly admin1?: boolean;
  /** The last month of every series (`YYYY-MM`); default the latest month with an event. */
  readonly through?: string;
}

/** Acts that make an incident one-sided violence (ACLED violence against civilians, GED type 3, CAMEO 18x/20x). */
export const ONE_SIDED_ACTS: ReadonlySet<ActType> = new Set<ActType>([
  "attack-on-civilians",
  "killing",
  "massacre",
  "abduction",
  "sexual-violence",
  "ethnic-cleansing",
]);

/** True when any act of the incident is one-sided violence. */
export function isOneSided(incident: Incident): boolean {
  return incident.acts.some((a) => ONE_SIDED_ACTS.has(a));
}

/** True when the incident counts in the named series. */
export function inSeries(series: SeriesName, incident: Incident): boolean {
  switch (series) {
    case "one-sided-violence":
      return isOneSided(incident);
  }
}

/** `YYYY-MM` → months since year 0. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** Months since year 0 → `YYYY-MM`. */
export function monthLabel(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The last day (`YYYY-MM-DD`) of a month given by its index. */
export function monthEnd(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${monthLabel(index)}-${String(last).padStart(2, "0")}`;
}

/**
 * The month an incident counts in: that of the midpoint of its `occurredAt` (from + ⌊days / 2⌋), so an event
 * dated "day ± 3 days" (ACLED time precision 2) counts in the month of its day, not of its earliest possible day,
 * and a two-month range counts in the month holding most of it.
 * @example incidentMonth({ ...i, occurredAt: { from: "2022-06-29", to: "2022-07-05", precision: "range" } }) // index of 2022-07
 */
export function incidentMonth(incident: Incident): number {
  const { from, to } = incident.occurredAt;
  const span = to > from ? daysBetween(from, to) : 0;
  return monthIndex(span > 1 ? addDays(from, Math.floor(span / 2)) : from.slice(0, 7));
}

/** The comparison of one month with its trailing window. */
export interface PastComparison {
  readonly mean: number;
  readonly ratio: number;
  readonly z?: number;
}

/** Ratio to the trailing mean (add-one smoothed) and z-score against the trailing sample deviation. */
export function compareWithPast(value: number, past: readonly number[]): PastComparison {
  const n = past.length;
  const mean = past.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? past.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const ratio = (value + 1) / (mean + 1);
  return sd > 0 ? { mean, ratio, z: (value - mean) / sd } : { mean, ratio };
}

function compare(
  name: "events" | "fatalities",
  value: number,
  past: readonly number[],
): Partial<IndicatorPoint> {
  const c = compareWithPast(value, past);
  return name === "events"
    ? { eventsRatio: c.ratio, ...(c.z !== undefined ? { eventsZ: c.z } : {}) }
    : { fatalitiesRatio: c.ratio, ...(c.z !== undefined ? { fatalitiesZ: c.z } : {}) };
}

interface Cell {
  events: number;
  fatalities: number;
}

/**
 * Aggregate incidents into one-sided-violence series, sorted by country then admin1 (country series first).
 * An incident counts its `eventCount` (else 1) in the month of the midpoint of its `occurredAt`
 * ({@link incidentMonth}); fatalities are the best estimate (0 when unknown).
 * Runs in O(n + s·m·w) for n incidents, s situations, m months and a window of w months.
 * @example aggregateIndicators(incidents, { asOf: "2022-06-30" })[0].points.at(-1)?.eventsRatio
 */
export function aggregateIndicators(
  incidents: readonly Incident[],
  options: AggregateOptions = {},
): IndicatorSeries[] {
  const window = options.window ?? 12;
  const minHistory = options.minHistory ?? 6;
  const withAdmin1 = options.admin1 ?? true;
  const cells = new Map<string, { situation: SeriesSituation; months: Map<number, Cell>; first: number }>();
  let last = -Infinity;
  for (const i of incidents) {
    if (options.asOf !== undefined && i.knownAt > options.asOf) continue;
    if (!isOneSided(i)) continue;
    const m = incidentMonth(i);
    last = Math.max(last, m);
    const add = (situation: SeriesSituation) => {
      const key = `${situation.country}\u0000${situation.admin1 ?? ""}`;
      let s = cells.get(key);
      if (!s) cells.set(key, (s = { situation, months: new Map(), first: m }));
      s.first = Math.min(s.first, m);
      const c = s.months.get(m) ?? { events: 0, fatalities: 0 };
      c.events += eventsOf(i);
      c.fatalities += bestOf(i.fatalities) ?? 0;
      s.months.set(m, c);
    };
    add({ country: i.place.country });
    if (withAdmin1 && i.place.admin1 !== undefined) add({ country: i.place.country, admin1: i.place.admin1 });
  }
  if (options.through !== undefined) last = monthIndex(options.through);
  const out: IndicatorSeries[] = [];
  for (const s of cells.values()) {
    const events: number[] = [];
    const fatalities: number[] = [];
    const points: IndicatorPoint[] = [];
    for (let m = s.first; m <= last; m++) {
      const c = s.months.get(m) ?? { events: 0, fatalities: 0 };
      const history = events.length;
      const point: IndicatorPoint = {
        month: monthLabel(m),
        events: c.events,
        fatalities: c.fatalities,
        ...(history >= minHistory ? compare("events", c.events, events.slice(-window)) : {}),
        ...(history >= minHistory ? compare("fatalities", c.fatalities, fatalities.slice(-window)) : {}),
      };
      points.push(point);
      events.push(c.events);
      fatalities.push(c.fatalities);
    }
    if (points.length > 0) out.push({ situation: s.situation, indicator: "one-sided-violence", points });
  }
  return out.sort((a, b) =>
    a.situation.country !== b.situation.country
      ? a.situation.country < b.situation.country
        ? -1
        : 1
      : (a.situation.admin1 ?? "") < (b.situation.admin1 ?? "")
        ? -1
        : (a.situation.admin1 ?? "") > (b.situation.admin1 ?? "")
          ? 1
          : 0,
  );
}
