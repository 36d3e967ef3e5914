/**
 * Surges in event-count series, found without look-ahead: the incidents are taken in `knownAt` order, the
 * monthly counts per country are kept incrementally, and a (country, month) surges on the first day D on which
 * the series computed from the incidents known by D crosses the mapping's thresholds — the same series
 * `aggregateIndicators` (event-series.ts) gives `asOf` D (without admin1). A surge, once found, never changes: it is an
 * evidence event like a record becoming known (see evidence.ts).
 * @module
 */
import { bestOf, eventsOf, type Incident } from "../domain/index.js";
import { compareWithPast, incidentMonth, inSeries, monthLabel, type PastComparison } from "./event-series.js";
import type { MappingWhen, SeriesName } from "./rulebook.js";

/** A month of a country's series that crossed a `series` mapping's thresholds on day `knownAt`. */
export interface SeriesSurge {
  readonly series: SeriesName;
  readonly country: string;
  /** Month index (months since year 0); see `monthLabel`. */
  readonly month: number;
  /** The first day on which the series crossed the thresholds. */
  readonly knownAt: string;
  readonly events: number;
  readonly fatalities: number;
  /** Months in the trailing window the month was compared with (at most the mapping's `windowMonths`). */
  readonly windowMonths: number;
  readonly comparison: PastComparison;
  /** The incidents of that country and month known by `knownAt`, in (knownAt, id) order. */
  readonly incidents: readonly Incident[];
}

interface Cell {
  events: number;
  fatalities: number;
  readonly incidents: Incident[];
}

interface CountryState {
  first: number;
  readonly months: Map<number, Cell>;
  readonly fired: Set<number>;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** True when a comparison crosses the mapping's ratio or z threshold (either suffices). */
export function crosses(when: MappingWhen, c: PastComparison): boolean {
  return (
    (when.minEventsRatio !== undefined && c.ratio >= when.minEventsRatio) ||
    (when.minEventsZ !== undefined && c.z !== undefined && c.z >= when.minEventsZ)
  );
}

/**
 * Every surge of a checked `series` mapping's series, in (knownAt, country, month) order.
 * Runs in O(n log n + d·w²) for n incidents, d (day, country) pairs with new incidents and a window of w months.
 * @example detectSurges(bundle.records.incident, mapping.when).map((s) => [s.country, monthLabel(s.month), s.knownAt])
 */
export function detectSurges(incidents: readonly Incident[], when: MappingWhen): SeriesSurge[] {
  const series = when.series as SeriesName;
  const window = when.windowMonths ?? 1;
  const minHistory = when.minHistoryMonths ?? 1;
  const minEvents = when.minEvents ?? 1;
  const members = incidents
    .filter((i) => inSeries(series, i))
    .map((i) => ({ i, m: incidentMonth(i) }))
    .sort((a, b) => cmp(a.i.knownAt, b.i.knownAt) || cmp(a.i.id, b.i.id));
  const states = new Map<string, CountryState>();
  const out: SeriesSurge[] = [];
  let k = 0;
  while (k < members.length) {
    const day = (members[k] as { i: Incident }).i.knownAt;
    // Months whose value or trailing window may have changed today, per country.
    const touched = new Map<string, { lo: number; hi: number }>();
    for (; k < members.length && (members[k] as { i: Incident }).i.knownAt === day; k += 1) {
      const { i, m } = members[k] as { i: Incident; m: number };
      const country = i.place.country;
      let s = states.get(country);
      let hi = m + window;
      if (!s) {
        s = { first: m, months: new Map(), fired: new Set() };
        states.set(country, s);
      } else if (m < s.first) {
        // An earlier first month lengthens the history (and the windows) of the months after it.
        hi = Math.max(hi, s.first + Math.max(window, minHistory));
        s.first = m;
      }
      let cell = s.months.get(m);
      if (!cell) s.months.set(m, (cell = { events: 0, fatalities: 0, incidents: [] }));
      cell.events += eventsOf(i);
      cell.fatalities += bestOf(i.fatalities) ?? 0;
      cell.incidents.push(i);
      const t = touched.get(country);
      touched.set(country, t ? { lo: Math.min(t.lo, m), hi: Math.max(t.hi, hi) } : { lo: m, hi });
    }
    for (const country of [...touched.keys()].sort()) {
      const { lo, hi } = touched.get(country) as { lo: number; hi: number };
      const s = states.get(country) as CountryState;
      for (let m = Math.max(lo, s.first + minHistory); m <= hi; m += 1) {
        const cell = s.months.get(m);
        if (!cell || cell.events < minEvents || s.fired.has(m)) continue;
        const past: number[] = [];
        for (let p = Math.max(s.first, m - window); p < m; p += 1) past.push(s.months.get(p)?.events ?? 0);
        const comparison = compareWithPast(cell.events, past);
        if (!crosses(when, comparison)) continue;
        s.fired.add(m);
        out.push({
          series,
          country,
          month: m,
          knownAt: day,
          events: cell.events,
          fatalities: cell.fatalities,
          windowMonths: past.length,
          comparison,
          incidents: [...cell.incidents],
        });
      }
    }
  }
  return out;
}

/** How a series is named in explanations. */
export const SERIES_LABELS: Readonly<Record<SeriesName, string>> = {
  "one-sided-violence": "one-sided violence",
};

const fixed = (x: number, digits: number): string => String(Number(x.toFixed(digits)));

/**
 * What a surge is, in one line, for assessments and alerts.
 * @example "one-sided violence in CCC, 2022-07: 14 events (3 deaths), 4.3× the trailing 12-month mean of 2.5 (add-one smoothed), z 3.1; known by 2022-07-20 from 9 incidents citing 2 sources"
 */
export function describeSurge(s: SeriesSurge, sources: number): string {
  const name = SERIES_LABELS[s.series];
  const z = s.comparison.z === undefined ? "" : `, z ${fixed(s.comparison.z, 1)}`;
  return (
    `${name} in ${s.country}, ${monthLabel(s.month)}: ${s.events} event${s.events === 1 ? "" : "s"} ` +
    `(${s.fatalities} death${s.fatalities === 1 ? "" : "s"}), ${fixed(s.comparison.ratio, 1)}× the trailing ` +
    `${s.windowMonths}-month mean of ${fixed(s.comparison.mean, 2)} (add-one smoothed)${z}; known by ` +
    `${s.knownAt} from ${s.incidents.length} incident${s.incidents.length === 1 ? "" : "s"} citing ` +
    `${sources} source${sources === 1 ? "" : "s"}`
  );
}
