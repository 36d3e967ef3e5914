/**
 * Evidence extraction: turns each record into weighted pieces of evidence for indicators, following the
 * rulebook's mappings. A piece of evidence depends only on its record and on records known no later than it,
 * so it never changes after it appears — which is what lets a replay add evidence incrementally. A surge in an
 * event-count series (a `series` mapping, see series-evidence.ts) is evidence of the same kind: it appears on the
 * first day the series computed from the incidents known by then crosses the thresholds, and never changes.
 * @module
 */
import {
  RECORD_KINDS,
  bestOf,
  type CaseBundle,
  type Citation,
  type Incident,
  type Mandate,
  type Report,
  type Response,
  type Source,
  type Warning,
} from "../domain/index.js";
import { protectsCivilians } from "../domain/index.js";
import type { MappedRecord, MappingRule, MappingWhen, ValidRulebook } from "./rulebook.js";
import { dayNumber } from "./day-number.js";
import { monthEnd, monthLabel } from "./event-series.js";
import { describeSurge, detectSurges, type SeriesSurge } from "./series-evidence.js";

/**
 * One record's support for one indicator in one scope, as an event in time. A record first counts on its own
 * `knownAt` with the best grade among the sources known by then; when a better-graded cited source becomes known
 * later (a commission confirming earlier massacres), an `upgrade` event on that day raises its weight. Events
 * never change once they happen, so a replay can add them incrementally.
 */
export interface EvidenceItem {
  /** Position in the global event order (knownAt, record kind, record id, mapping, indicator, scope). */
  readonly seq: number;
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

/** How many sources a series surge cites at most (the first cited by its incidents, in their order). */
export const SERIES_CITATIONS = 10;

/**
 * The id of a series surge's evidence, `series:<mapping>:<country>:<YYYY-MM>`: not a stored record (it has no
 * record page). Each `series` mapping defines its own surges, so two mappings never share one.
 */
export function seriesEvidenceId(mapping: string, s: Pick<SeriesSurge, "country" | "month">): string {
  return `series:${mapping}:${s.country}:${monthLabel(s.month)}`;
}

/** The scope that covers every situation. */
export const GLOBAL_SCOPE = "*";

/** Scope key of a country and optional group. */
export function scopeKey(country: string | undefined, group: string | undefined): string {
  if (country === undefined) return GLOBAL_SCOPE;
  return `${country}/${group ?? "*"}`;
}

type Mapped = Incident | Report | Warning | Response | Mandate;
type RecordKind = Exclude<MappedRecord, "series">;

interface Context {
  readonly sources: ReadonlyMap<string, Source>;
  readonly incidents: ReadonlyMap<string, Incident>;
  readonly warnings: ReadonlyMap<string, Warning>;
  readonly groupCountries: ReadonlyMap<
    string,
    { readonly knownAt: string; readonly countries: readonly string[] }
  >;
}

const anyOf = (wanted: readonly string[] | undefined, have: readonly string[]): boolean =>
  wanted === undefined || wanted.some((w) => have.includes(w));
const oneOf = (wanted: readonly string[] | undefined, have: string): boolean =>
  wanted === undefined || wanted.includes(have);
const is = (wanted: boolean | undefined, have: boolean): boolean => wanted === undefined || wanted === have;

function matches(kind: RecordKind, r: Mapped, w: MappingWhen): boolean {
  switch (kind) {
    case "incident": {
      const i = r as Incident;
      return (
        anyOf(w.acts, i.acts) &&
        is(w.targetsGroup, i.targetGroup !== undefined) &&
        oneOf(w.organised, i.organised) &&
        oneOf(w.stateInvolvement, i.stateInvolvement) &&
        (w.minFatalities === undefined || (bestOf(i.fatalities) ?? 0) >= w.minFatalities) &&
        (w.minDetained === undefined || (bestOf(i.detained) ?? 0) >= w.minDetained)
      );
    }
    case "report": {
      const p = r as Report;
      const tags = p.findings.flatMap((f) => f.tags);
      return (
        anyOf(w.tags, tags) &&
        oneOf(w.qualifications, p.qualification) &&
        is(w.mentionsGenocideRisk, p.mentionsGenocideRisk) &&
        is(w.targetsGroup, p.targetGroup !== undefined)
      );
    }
    case "warning": {
      const x = r as Warning;
      // Engine alerts are warnings too; reading them back would let the engine confirm itself.
      if (x.origin !== "human") return false;
      return (
        anyOf(
          w.actions,
          x.requestedActions.map((a) => a.kind),
        ) && is(w.targetsGroup, x.targetGroup !== undefined)
      );
    }
    case "response":
      return oneOf(w.responseKinds, (r as Response).kind);
    case "mandate":
      return is(w.protectsCivilians, protectsCivilians(r as Mandate));
  }
}

/** Scopes of a country/group pair, filling a missing country from the group's countries known by `knownAt`. */
function scopesOf(
  country: string | undefined,
  group: string | undefined,
  knownAt: string,
  ctx: Context,
): string[] {
  if (country !== undefined || group === undefined) return [scopeKey(country, group)];
  const g = ctx.groupCountries.get(group);
  if (!g || g.knownAt > knownAt) return [GLOBAL_SCOPE];
  return g.countries.map((c) => scopeKey(c, group));
}

function scopes(kind: RecordKind, r: Mapped, ctx: Context): string[] {
  switch (kind) {
    case "incident": {
      const i = r as Incident;
      return [scopeKey(i.place.country, i.targetGroup)];
    }
    case "report": {
      const p = r as Report;
      if (p.country === undefined && p.targetGroup === undefined && p.coversIncidents) {
        // A report without a stated situation is about the incidents it covers (those known when it appeared).
        const covered = p.coversIncidents
          .map((id) => ctx.incidents.get(id))
          .filter((i): i is Incident => i !== undefined && i.knownAt <= p.knownAt)
          .map((i) => scopeKey(i.place.country, i.targetGroup));
        if (covered.length > 0) return [...new Set(covered)].sort();
      }
      return scopesOf(p.country, p.targetGroup, p.knownAt, ctx);
    }
    case "warning": {
      const x = r as Warning;
      return scopesOf(x.country, x.targetGroup, x.knownAt, ctx);
    }
    case "response": {
      const x = r as Response;
      const w = x.warning === undefined ? undefined : ctx.warnings.get(x.warning);
      if (x.country === undefined && x.targetGroup === undefined && w && w.knownAt <= x.knownAt)
        return scopes("warning", w, ctx);
      return scopesOf(x.country, x.targetGroup, x.knownAt, ctx);
    }
    case "mandate":
      return [scopeKey((r as Mandate).country, undefined)];
  }
}

/**
 * The grade of a record over time: the best grade among its cited sources known when it became known (or the
 * rulebook's `unknownSource` weight if none was), then each later-known cited source that improves on it.
 */
function gradeSteps(
  r: Mapped,
  rulebook: ValidRulebook,
  ctx: Context,
): { knownAt: string; weight: number; grade?: string }[] {
  const cited = [...new Set(r.citations.map((c) => c.source))]
    .map((id) => ctx.sources.get(id))
    .filter((s): s is Source => s !== undefined)
    .sort((a, b) => cmp(a.knownAt, b.knownAt) || cmp(a.id, b.id));
  const weightOf = (s: Source): number =>
    (rulebook.grading.reliability[s.reliability] ?? 0) *
    (rulebook.grading.credibility[String(s.credibility)] ?? 0);
  type Step = { knownAt: string; weight: number; grade?: string };
  let current: Step = { knownAt: r.knownAt, weight: rulebook.grading.unknownSource };
  let first = true;
  for (const s of cited) {
    if (s.knownAt > r.knownAt) break;
    const w = weightOf(s);
    if (first || w > current.weight)
      current = { knownAt: r.knownAt, weight: w, grade: `${s.reliability}${s.credibility}` };
    first = false;
  }
  const steps: Step[] = [current];
  for (const s of cited) {
    if (s.knownAt <= r.knownAt) continue;
    const w = weightOf(s);
    if (w > current.weight) {
      current = { knownAt: s.knownAt, weight: w, grade: `${s.reliability}${s.credibility}` };
      steps.push(current);
    }
  }
  return steps;
}

function magnitude(rule: MappingRule, fatalities: number, rulebook: ValidRulebook): number {
  if (!rule.scaleByFatalities) return 1;
  const m = rulebook.magnitude;
  return Math.min(m.max, 1 + m.perTenfoldFatalities * Math.log10(1 + fatalities));
}

const KIND_ORDER = new Map<string, number>(RECORD_KINDS.map((k, i) => [k, i]));

/** An event before its place in the global order is known. */
type Draft = { -readonly [K in keyof EvidenceItem]: EvidenceItem[K] } & {
  knownDay: number;
  ordinal: number;
  sub: number;
};

/** Compare drafts in the global order: day known, then record (kind, id), then emission order within the record. */
function before(a: Draft, b: Draft): number {
  return a.knownDay - b.knownDay || a.ordinal - b.ordinal || a.sub - b.sub;
}

/**
 * Every piece of evidence in a bundle, in the global order: the day it became usable, then its record (by kind
 * and id), then the order in which the rulebook's mappings produce it. The order depends only on the records
 * concerned, so deleting other records never reorders the rest.
 * Runs in O(records × mappings) plus sorting the records once and the (few) upgrades.
 * @example extractEvidence(asOf(bundle, "1993-03-31"), rulebook).filter((e) => e.indicator === "7.4")
 */
export function extractEvidence(bundle: CaseBundle, rulebook: ValidRulebook): EvidenceItem[] {
  const recs = bundle.records;
  const ctx: Context = {
    sources: new Map(recs.source.map((s) => [s.id, s])),
    incidents: new Map(recs.incident.map((i) => [i.id, i])),
    warnings: new Map(recs.warning.map((w) => [w.id, w])),
    groupCountries: new Map(recs.group.map((g) => [g.id, { knownAt: g.knownAt, countries: g.countries }])),
  };
  const byKind: Record<RecordKind, readonly Mapped[]> = {
    incident: recs.incident,
    report: recs.report,
    warning: recs.warning,
    response: recs.response,
    mandate: recs.mandate,
  };
  const rulesByKind = new Map<RecordKind, MappingRule[]>();
  for (const m of rulebook.mappings)
    if (m.record !== "series") rulesByKind.set(m.record, [...(rulesByKind.get(m.record) ?? []), m]);

  const mapped: { kind: RecordKind; r: Mapped; rank: number }[] = [];
  for (const [kind, rules] of rulesByKind) {
    if (rules.length === 0) continue;
    for (const r of byKind[kind]) mapped.push({ kind, r, rank: KIND_ORDER.get(kind) ?? 0 });
  }
  mapped.sort((a, b) => cmp(a.r.knownAt, b.r.knownAt) || a.rank - b.rank || cmp(a.r.id, b.r.id));

  const days = new Map<string, number>();
  const dayOf = (d: string): number => {
    let n = days.get(d);
    if (n === undefined) {
      n = dayNumber(d);
      days.set(d, n);
    }
    return n;
  };
  const initial: Draft[] = [];
  const upgrades: Draft[] = [];
  mapped.forEach(({ kind, r }, ordinal) => {
    const rules = rulesByKind.get(kind) ?? [];
    const matching = rules.filter((rule) => matches(kind, r, rule.when));
    if (matching.length === 0) return;
    const grades = gradeSteps(r, rulebook, ctx);
    const fatalities = kind === "incident" ? (bestOf((r as Incident).fatalities) ?? 0) : 0;
    const eventDay = r.occurredAt.to < r.knownAt ? r.occurredAt.to : r.knownAt;
    const day = dayOf(eventDay);
    const sc = scopes(kind, r, ctx);
    // One record supports one indicator once (in one scope), through its strongest mapping: a report with two
    // findings that both point at the same indicator is still one piece of evidence.
    const strongest = new Map<string, { rule: MappingRule; weight: number }>();
    for (const rule of matching) {
      const mag = magnitude(rule, fatalities, rulebook);
      for (const link of rule.indicators) {
        const weight = link.strength * mag;
        const seen = strongest.get(link.indicator);
        if (!seen || weight > seen.weight) strongest.set(link.indicator, { rule, weight });
      }
    }
    let sub = 0;
    for (const [indicator, { rule, weight: base }] of strongest) {
      for (const scope of sc) {
        let previous = 0;
        grades.forEach((g, step) => {
          const weight = base * g.weight;
          const draft: Draft = {
            seq: 0,
            record: r.id,
            kind,
            mapping: rule.id,
            indicator,
            scope,
            knownAt: g.knownAt,
            recordKnownAt: r.knownAt,
            eventDay,
            day,
            weight,
            gain: weight - previous,
            upgrade: step > 0,
            fatalities,
            citations: r.citations,
            knownDay: dayOf(g.knownAt),
            ordinal,
            sub: sub++,
          };
          if (g.grade !== undefined) draft.grade = g.grade;
          (step === 0 ? initial : upgrades).push(draft);
          previous = weight;
        });
      }
    }
  });
  // Series surges come after the records that became known on their day (their ordinals follow the records').
  upgrades.push(...seriesDrafts(recs.incident, rulebook, ctx, mapped.length, dayOf));
  // `initial` is already in order (records were sorted); upgrades and surges are few: sort them and merge.
  upgrades.sort(before);
  const out: EvidenceItem[] = [];
  let i = 0;
  let j = 0;
  while (i < initial.length || j < upgrades.length) {
    const a = initial[i];
    const b = upgrades[j];
    const next = b === undefined || (a !== undefined && before(a, b) <= 0) ? (i++, a) : (j++, b);
    if (!next) break;
    next.seq = out.length;
    // The draft's ordering fields stay on the object: copying 10⁵–10⁶ items to drop them would cost more.
    out.push(next);
  }
  return out;
}

/**
 * The evidence of the rulebook's `series` mappings: one event per surge and linked indicator, at the country's
 * scope (`CCC/*`), scaled like an incident by the month's deaths when the mapping says `scaleByFatalities`.
 * Grade: the lower median of the contributing incidents' grades as known on the surge's day
 * (each incident's best cited source known by then, else `unknownSource`), so a surge is as credible as its
 * typical incident, not its best one. Citations: the first citation of each source the incidents cite, at most
 * {@link SERIES_CITATIONS}; the summary gives the totals.
 */
function seriesDrafts(
  incidents: readonly Incident[],
  rulebook: ValidRulebook,
  ctx: Context,
  firstOrdinal: number,
  dayOf: (d: string) => number,
): Draft[] {
  const rules = rulebook.mappings.filter((m) => m.record === "series");
  if (rules.length === 0) return [];
  const weightOf = (s: Source): number =>
    (rulebook.grading.reliability[s.reliability] ?? 0) *
    (rulebook.grading.credibility[String(s.credibility)] ?? 0);
  const surges = rules
    .flatMap((rule, r) => detectSurges(incidents, rule.when).map((s) => ({ rule, r, s })))
    .sort(
      (a, b) =>
        cmp(a.s.knownAt, b.s.knownAt) || a.r - b.r || cmp(a.s.country, b.s.country) || a.s.month - b.s.month,
    );
  const out: Draft[] = [];
  surges.forEach(({ rule, s }, n) => {
    const grades = s.incidents
      .map((i) => {
        let best: { weight: number; grade?: string } = { weight: rulebook.grading.unknownSource };
        let first = true;
        for (const c of i.citations) {
          const src = ctx.sources.get(c.source);
          if (!src || src.knownAt > s.knownAt) continue;
          const w = weightOf(src);
          if (first || w > best.weight) best = { weight: w, grade: `${src.reliability}${src.credibility}` };
          first = false;
        }
        return best;
      })
      .sort((a, b) => a.weight - b.weight || cmp(a.grade ?? "", b.grade ?? ""));
    const grade = grades[Math.floor((grades.length - 1) / 2)] ?? { weight: rulebook.grading.unknownSource };
    const bySource = new Map<string, Citation>();
    for (const i of s.incidents)
      for (const c of i.citations) if (!bySource.has(c.source)) bySource.set(c.source, c);
    const citations = [...bySource.values()].slice(0, SERIES_CITATIONS);
    const end = monthEnd(s.month);
    const eventDay = end < s.knownAt ? end : s.knownAt;
    const summary = describeSurge(s, bySource.size);
    const mag = magnitude(rule, s.fatalities, rulebook);
    // One surge supports one indicator once, through its strongest link.
    const links = new Map<string, number>();
    for (const l of rule.indicators)
      links.set(l.indicator, Math.max(l.strength, links.get(l.indicator) ?? 0));
    [...links].forEach(([indicator, strength], sub) => {
      const weight = strength * grade.weight * mag;
      const draft: Draft = {
        seq: 0,
        record: seriesEvidenceId(rule.id, s),
        kind: "series",
        mapping: rule.id,
        indicator,
        scope: scopeKey(s.country, undefined),
        knownAt: s.knownAt,
        recordKnownAt: s.knownAt,
        eventDay,
        day: dayOf(eventDay),
        weight,
        gain: weight,
        upgrade: false,
        fatalities: s.fatalities,
        citations,
        summary,
        knownDay: dayOf(s.knownAt),
        ordinal: firstOrdinal + n,
        sub,
      };
      if (grade.grade !== undefined) draft.grade = grade.grade;
      out.push(draft);
    });
  });
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
