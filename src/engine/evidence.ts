/**
 * Evidence: what the engine reads from records. Two shapes come out of each matching record (see
 * evidence-extractor.ts): an {@link EvidenceItem} per indicator and scope, weighted and decayed for the
 * Framework score, and a {@link Fact} per scope, carrying the mappings it met, its confidence tier and its counts,
 * for the level criteria. Both depend only on their record and on records known no later than it, so they never
 * change after they appear — which is what lets a replay add them incrementally, in bounded memory.
 * @module
 */
import type { Citation } from "../domain/index.js";
import type { Tier } from "./confidence.js";
import { monthLabel } from "./event-series.js";
import type { MappedRecord } from "./rulebook.js";
import type { SeriesSurge } from "./series-evidence.js";

export { GLOBAL_SCOPE, regionScope, scopeKey } from "./record-scope.js";
export { SERIES_CITATIONS } from "./series-evidence.js";

/**
 * One record's support for one indicator in one scope, as an event in time. A record first counts on its own
 * `knownAt` with the best grade among the sources known by then; when a better-graded cited source becomes known
 * later (a commission confirming earlier massacres), an `upgrade` event on that day raises its weight.
 */
export interface EvidenceItem {
  /** Position in the global event order (knownAt, record kind, record id, emission order); set when added. */
  seq: number;
  readonly record: string;
  readonly kind: MappedRecord;
  readonly mapping: string;
  readonly indicator: string;
  /** `CCC/group` for one group in one country, `CCC/*` for a whole country, `*` for every situation. */
  readonly scope: string;
  /** The day this event becomes usable: the record's `knownAt`, or for an upgrade the new source's. */
  readonly knownAt: string;
  readonly recordKnownAt: string;
  /** The day the event ended, but never after the record became known. */
  readonly eventDay: string;
  readonly day: number;
  /** strength × grading × magnitude, before decay, after this event. */
  readonly weight: number;
  /** What this event adds to the evidence mass before decay (the whole weight, or an upgrade's increase). */
  readonly gain: number;
  readonly upgrade: boolean;
  /** Admiralty grade of the best cited source known at the time, e.g. "B2"; undefined when none was. */
  readonly grade?: string;
  readonly fatalities: number;
  readonly citations: readonly Citation[];
  /** What the evidence is, when it is not a record (a series surge): one line for assessments and alerts. */
  readonly summary?: string;
}

/**
 * One record's evidence in one scope for the level criteria: the mappings it met, how sure it is, and what it
 * counts. An upgrade (a better source known later) is a new fact that replaces the record's previous one.
 */
export interface Fact {
  /** Position in the global event order; set when added. */
  seq: number;
  readonly record: string;
  readonly kind: MappedRecord;
  readonly scope: string;
  /** Every mapping the record met (sorted). */
  readonly mappings: readonly string[];
  /** The day this version of the fact becomes usable (the record's knownAt, or an upgrade's day). */
  readonly knownAt: string;
  readonly knownDay: number;
  readonly eventDay: string;
  readonly day: number;
  readonly tier: Tier;
  readonly grade?: string;
  /** Ids of the cited sources known on `knownAt` (the `sources` measure counts distinct ones). */
  readonly sources: readonly string[];
  /**
   * The record's primary source: its best-graded cited source known on `knownAt`. Convergence counts one per
   * record, so one record citing three sources is not three independent confirmations.
   */
  readonly primarySource?: string;
  /** Whether a cited source is still unknown, so an upgrade of this fact may follow. */
  readonly mayUpgrade?: boolean;
  readonly deaths: number;
  readonly civilianDeaths: number;
  readonly displaced: number;
  readonly events: number;
  readonly citations: readonly Citation[];
  readonly summary?: string;
  /** For a region's scope: the region's name as the data gives it. */
  readonly region?: string;
  /** On an upgrade: the fact it replaces (its tier, sources and the day it became usable). */
  readonly previous?: { readonly tier: Tier; readonly sources: readonly string[]; readonly knownDay: number };
}

/**
 * The id of a series surge's evidence, `series:<mapping>:<country>:<YYYY-MM>`: not a stored record (it has no
 * record page). Each `series` mapping defines its own surges, so two mappings never share one.
 */
export function seriesEvidenceId(mapping: string, s: Pick<SeriesSurge, "country" | "month">): string {
  return `series:${mapping}:${s.country}:${monthLabel(s.month)}`;
}
