/**
 * `aggregateIndicators`: incidents → monthly one-sided-violence series per country and per admin1, each month
 * compared with the trailing window of the same situation (ratio to the trailing mean and z-score).
 * Runs in O(n + s·m) for n incidents, s situations and m months.
 * @module
 */
import { bestOf, type Incident } from "../../domain/index.js";
import type { AggregateOptions, IndicatorPoint, IndicatorSeries, Situation } from "./indicator-series.js";
import { eventsOf, isOneSided } from "./one-sided.js";

/** `YYYY-MM` → months since year 0, and back. */
const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number): string =>
  `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;

interface Cell {
  events: number;
  fatalities: number;
}

/**
 * Aggregate incidents into indicator series, sorted by country then admin1 (country series first).
 * An incident counts in the month its `occurredAt` starts; fatalities are the best estimate (0 when unknown).
 * @example aggregateIndicators(incidents, { asOf: "2022-06-30" })[0].points.at(-1)?.eventsRatio
 */
export function aggregateIndicators(
  incidents: readonly Incident[],
  options: AggregateOptions = {},
): IndicatorSeries[] {
  const window = options.window ?? 12;
  const minHistory = options.minHistory ?? 6;
  const withAdmin1 = options.admin1 ?? true;
  const cells = new Map<string, { situation: Situation; months: Map<number, Cell>; first: number }>();
  let last = -Infinity;
  for (const i of incidents) {
    if (options.asOf !== undefined && i.knownAt > options.asOf) continue;
    if (!isOneSided(i)) continue;
    const m = monthIndex(i.occurredAt.from.slice(0, 7));
    last = Math.max(last, m);
    const add = (situation: Situation) => {
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
        month: monthOf(m),
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

/** Ratio to the trailing mean (add-one smoothed) and z-score against the trailing sample deviation. */
function compare(
  name: "events" | "fatalities",
  value: number,
  past: readonly number[],
): Partial<IndicatorPoint> {
  const n = past.length;
  const mean = past.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? past.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  const sd = Math.sqrt(variance);
  const ratio = (value + 1) / (mean + 1);
  const z = sd > 0 ? (value - mean) / sd : undefined;
  return name === "events"
    ? { eventsRatio: ratio, ...(z !== undefined ? { eventsZ: z } : {}) }
    : { fatalitiesRatio: ratio, ...(z !== undefined ? { fatalitiesZ: z } : {}) };
}
