/**
 * Monthly indicator series per situation (a country, or a first-level admin unit in it) computed from
 * incidents: one-sided violence events and fatalities, and how each month compares with the situation's
 * own past. Pure: no I/O, no clock (the "as of" day is an argument).
 * @module
 */

/** A situation: a country (ISO 3166-1 alpha-3) or one of its first-level admin units. */
export interface Situation {
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
  /** (events − trailing mean) / trailing standard deviation; absent when the deviation is 0. */
  readonly eventsZ?: number;
  readonly fatalitiesRatio?: number;
  readonly fatalitiesZ?: number;
}

/** The series of one situation, month by month without gaps (quiet months are zeros). */
export interface IndicatorSeries {
  readonly situation: Situation;
  readonly indicator: "one-sided-violence";
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
