/**
 * Surges in event-count series, found without look-ahead and in bounded memory: incidents are fed in `knownAt`
 * order, the monthly counts per country are kept as aggregates (events, deaths, a histogram of grades, the first
 * citation of each source), and a (country, month) surges on the first day D on which the series computed from
 * the incidents known by D crosses the mapping's thresholds — the same series `aggregateIndicators`
 * (event-series.ts) gives `asOf` D (without admin1). A surge, once found, never changes: it is an evidence event
 * like a record becoming known (see evidence-extractor.ts).
 * @module
 */
import { bestOf, eventsOf, type Citation, type Incident } from "../domain/index.js";
import { compareWithPast, incidentMonth, inSeries, monthLabel, type PastComparison } from "./event-series.js";
import type { MappingWhen, SeriesName } from "./rulebook.js";

/** How many sources a series surge cites at most (the first cited by its incidents, in their order). */
export const SERIES_CITATIONS = 10;

/** The grade of an incident as it stands: its weight and Admiralty grade (none when no source was known). */
export interface IncidentGrade {
  readonly weight: number;
  readonly grade?: string;
}

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
  /** How many incidents of that country and month were known by `knownAt`. */
  readonly incidents: number;
  /** The lower median of those incidents' grades as they stood on `knownAt`. */
  readonly grade: IncidentGrade;
  /** The first citation of each source those incidents cite, at most {@link SERIES_CITATIONS}. */
  readonly citations: readonly Citation[];
  /** How many distinct sources those incidents cite. */
  readonly sources: number;
}

interface Cell {
  events: number;
  fatalities: number;
  incidents: number;
  /** Grades of the month's incidents: key `weight|grade` → count. */
  readonly grades: Map<string, number>;
  readonly citations: Map<string, Citation>;
  readonly sources: Set<string>;
}

interface CountryState {
  first: number;
  readonly months: Map<number, Cell>;
  readonly fired: Set<number>;
}

/** True when a comparison crosses the mapping's ratio or z threshold (either suffices). */
export function crosses(when: MappingWhen, c: PastComparison): boolean {
  return (
    (when.minEventsRatio !== undefined && c.ratio >= when.minEventsRatio) ||
    (when.minEventsZ !== undefined && c.z !== undefined && c.z >= when.minEventsZ)
  );
}

const gradeKey = (g: IncidentGrade): string => `${g.weight}|${g.grade ?? ""}`;

function lowerMedian(grades: ReadonlyMap<string, number>, fallback: number): IncidentGrade {
  const entries = [...grades.entries()]
    .filter(([, n]) => n > 0)
    .map(([k, n]) => {
      const bar = k.indexOf("|");
      const grade = k.slice(bar + 1);
      return { weight: Number(k.slice(0, bar)), grade: grade === "" ? undefined : grade, n };
    })
    .sort((a, b) => a.weight - b.weight || ((a.grade ?? "") < (b.grade ?? "") ? -1 : 1));
  const total = entries.reduce((s, e) => s + e.n, 0);
  let rank = Math.floor((total - 1) / 2);
  for (const e of entries) {
    if (rank < e.n)
      return e.grade === undefined ? { weight: e.weight } : { weight: e.weight, grade: e.grade };
    rank -= e.n;
  }
  return { weight: fallback };
}

/**
 * One `series` mapping's surge detector, fed incidents in (knownAt, id) order, day by day.
 * Memory: one cell per (country, month), whatever the number of incidents.
 */
export class SurgeDetector {
  private readonly series: SeriesName;
  private readonly window: number;
  private readonly minHistory: number;
  private readonly minEvents: number;
  private readonly states = new Map<string, CountryState>();
  private touched = new Map<string, { lo: number; hi: number }>();
  private day: string | undefined;

  constructor(
    private readonly when: MappingWhen,
    private readonly unknownSource: number,
  ) {
    this.series = when.series as SeriesName;
    this.window = when.windowMonths ?? 1;
    this.minHistory = when.minHistoryMonths ?? 1;
    this.minEvents = when.minEvents ?? 1;
  }

  /** True when the incident counts in this detector's series. */
  counts(i: Incident): boolean {
    return inSeries(this.series, i);
  }

  /** Add an incident known on `i.knownAt` (not before the last day fed), graded as it stands that day. */
  add(i: Incident, grade: IncidentGrade): { country: string; month: number } | undefined {
    if (!this.counts(i)) return undefined;
    this.day = i.knownAt;
    const m = incidentMonth(i);
    const country = i.place.country;
    let s = this.states.get(country);
    let hi = m + this.window;
    if (!s) {
      s = { first: m, months: new Map(), fired: new Set() };
      this.states.set(country, s);
    } else if (m < s.first) {
      // An earlier first month lengthens the history (and the windows) of the months after it.
      hi = Math.max(hi, s.first + Math.max(this.window, this.minHistory));
      s.first = m;
    }
    let cell = s.months.get(m);
    if (!cell)
      s.months.set(
        m,
        (cell = {
          events: 0,
          fatalities: 0,
          incidents: 0,
          grades: new Map(),
          citations: new Map(),
          sources: new Set(),
        }),
      );
    cell.events += eventsOf(i);
    cell.fatalities += bestOf(i.fatalities) ?? 0;
    cell.incidents += 1;
    const k = gradeKey(grade);
    cell.grades.set(k, (cell.grades.get(k) ?? 0) + 1);
    for (const c of i.citations) {
      cell.sources.add(c.source);
      if (!cell.citations.has(c.source) && cell.citations.size < SERIES_CITATIONS)
        cell.citations.set(c.source, c);
    }
    const t = this.touched.get(country);
    this.touched.set(country, t ? { lo: Math.min(t.lo, m), hi: Math.max(t.hi, hi) } : { lo: m, hi });
    return { country, month: m };
  }

  /** A better-graded source became known for an incident already added to (country, month). */
  regrade(country: string, month: number, from: IncidentGrade, to: IncidentGrade): void {
    const cell = this.states.get(country)?.months.get(month);
    if (!cell) return;
    const a = gradeKey(from);
    const n = cell.grades.get(a) ?? 0;
    if (n <= 1) cell.grades.delete(a);
    else cell.grades.set(a, n - 1);
    const b = gradeKey(to);
    cell.grades.set(b, (cell.grades.get(b) ?? 0) + 1);
  }

  /**
   * The surges of the day fed last, in (country, month) order; call once after the day's last incident.
   * Runs in O(touched months × window).
   */
  flush(): SeriesSurge[] {
    const day = this.day;
    if (day === undefined || this.touched.size === 0) return [];
    const out: SeriesSurge[] = [];
    const touched = this.touched;
    this.touched = new Map();
    for (const country of [...touched.keys()].sort()) {
      const { lo, hi } = touched.get(country) as { lo: number; hi: number };
      const s = this.states.get(country) as CountryState;
      for (let m = Math.max(lo, s.first + this.minHistory); m <= hi; m += 1) {
        const cell = s.months.get(m);
        if (!cell || cell.events < this.minEvents || s.fired.has(m)) continue;
        const past: number[] = [];
        for (let p = Math.max(s.first, m - this.window); p < m; p += 1)
          past.push(s.months.get(p)?.events ?? 0);
        const comparison = compareWithPast(cell.events, past);
        if (!crosses(this.when, comparison)) continue;
        s.fired.add(m);
        out.push({
          series: this.series,
          country,
          month: m,
          knownAt: day,
          events: cell.events,
          fatalities: cell.fatalities,
          windowMonths: past.length,
          comparison,
          incidents: cell.incidents,
          grade: lowerMedian(cell.grades, this.unknownSource),
          citations: [...cell.citations.values()],
          sources: cell.sources.size,
        });
      }
    }
    return out;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every surge of a checked `series` mapping's series, in (knownAt, country, month) order, each incident graded
 * by `gradeOf` as it stood when it became known.
 * @example detectSurges(bundle.records.incident, mapping.when).map((s) => [s.country, monthLabel(s.month), s.knownAt])
 */
export function detectSurges(
  incidents: readonly Incident[],
  when: MappingWhen,
  gradeOf: (i: Incident) => IncidentGrade = () => ({ weight: 0 }),
): SeriesSurge[] {
  const detector = new SurgeDetector(when, 0);
  const members = incidents
    .filter((i) => detector.counts(i))
    .sort((a, b) => cmp(a.knownAt, b.knownAt) || cmp(a.id, b.id));
  const out: SeriesSurge[] = [];
  let day: string | undefined;
  for (const i of members) {
    if (day !== undefined && i.knownAt !== day) out.push(...detector.flush());
    day = i.knownAt;
    detector.add(i, gradeOf(i));
  }
  out.push(...detector.flush());
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
export function describeSurge(s: SeriesSurge): string {
  const name = SERIES_LABELS[s.series];
  const z = s.comparison.z === undefined ? "" : `, z ${fixed(s.comparison.z, 1)}`;
  return (
    `${name} in ${s.country}, ${monthLabel(s.month)}: ${s.events} event${s.events === 1 ? "" : "s"} ` +
    `(${s.fatalities} death${s.fatalities === 1 ? "" : "s"}), ${fixed(s.comparison.ratio, 1)}× the trailing ` +
    `${s.windowMonths}-month mean of ${fixed(s.comparison.mean, 2)} (add-one smoothed)${z}; known by ` +
    `${s.knownAt} from ${s.incidents} incident${s.incidents === 1 ? "" : "s"} citing ` +
    `${s.sources} source${s.sources === 1 ? "" : "s"}`
  );
}
