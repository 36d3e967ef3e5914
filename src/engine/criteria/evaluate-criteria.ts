/**
 * Deciding a situation's level from the reference criteria: each criterion's conditions are measured over the
 * evidence of their mappings in their scopes and window, at the confidence they require — evidence of a lower
 * tier counts one tier up when independent sources converge — and the highest level with a criterion met wins
 * (a criterion that `requires` a level only holds where that level does). The findings say which criterion was
 * met, by which records, with what confidence, and what the next level up still lacks.
 * @module
 */
import { addDays } from "../../domain/index.js";
import { TIER_NAMES, tierNumber, type Tier } from "../confidence.js";
import type { Situation } from "../situation.js";
import type { ConditionFinding, ConditionRecord, CriterionFinding } from "./criterion-finding.js";

export type { ConditionFinding, ConditionRecord, CriterionFinding } from "./criterion-finding.js";
import {
  levelRank,
  type ConditionMeasure,
  type ConditionRule,
  type ConfidenceRule,
  type ConfidenceTier,
  type CriterionRule,
  type RiskLevel,
  type RuledLevel,
} from "../rulebook.js";
import { conditionKey, type CriteriaPlan } from "./criteria-plan.js";
import type { ConditionAggregate } from "./condition-aggregate.js";
import type { CriteriaState } from "./criteria-state.js";

export interface LevelDecision {
  readonly level: RiskLevel;
  /** Every criterion met at the decided level (the first is the one reasons lead with). */
  readonly met: readonly CriterionFinding[];
  /** The criterion of the next level up that comes closest (most conditions met), if any. */
  readonly next: CriterionFinding | null;
  readonly reasons: readonly string[];
}

/** How many records a condition cites; the total says how many count. */
export const CITED_RECORDS = 8;

/** The scopes a condition reads for a situation. */
export function conditionScopes(situation: Situation, scope: string | undefined): string[] {
  const own = situation.id;
  const country = `${situation.country}/*`;
  const out = [own];
  if (scope === "country" || scope === "any") if (own !== country) out.push(country);
  if (scope === "any") out.push("*");
  return out;
}

/** Totals over a condition's aggregates; read only once taken (it may be an aggregate's own totals). */
interface Sum {
  records: number[];
  deaths: number[];
  civilianDeaths: number[];
  displaced: number[];
  kinds: Map<string, number[]>;
  sources: Map<string, number[]>;
  primaries: Map<string, number[]>;
}

function sumOf(aggs: readonly ConditionAggregate[]): Sum {
  // One aggregate (the usual case): its totals as they stand, read only.
  if (aggs.length === 1) {
    const v = (aggs[0] as ConditionAggregate).view;
    return {
      records: v.records,
      deaths: v.deaths,
      civilianDeaths: v.civilianDeaths,
      displaced: v.displaced,
      kinds: v.kinds,
      sources: v.sources,
      primaries: v.primaries,
    };
  }
  const s: Sum = {
    records: [0, 0, 0],
    deaths: [0, 0, 0],
    civilianDeaths: [0, 0, 0],
    displaced: [0, 0, 0],
    kinds: new Map(),
    sources: new Map(),
    primaries: new Map(),
  };
  for (const a of aggs) {
    const v = a.view;
    for (let t = 0; t < 3; t += 1) {
      (s.records[t] as number) += v.records[t] as number;
      (s.deaths[t] as number) += v.deaths[t] as number;
      (s.civilianDeaths[t] as number) += v.civilianDeaths[t] as number;
      (s.displaced[t] as number) += v.displaced[t] as number;
    }
    for (const [name, map] of [
      ["kinds", v.kinds],
      ["sources", v.sources],
      ["primaries", v.primaries],
    ] as const)
      for (const [k, by] of map) {
        const into = s[name].get(k) ?? [0, 0, 0];
        for (let t = 0; t < 3; t += 1) (into[t] as number) += by[t] as number;
        s[name].set(k, into);
      }
  }
  return s;
}

/**
 * Measures that convergence can lift: how many records, kinds or sources say something. Counts of victims
 * never are — several weak reports of a number do not make the number confirmed.
 */
const CONVERGENT: ReadonlySet<ConditionMeasure> = new Set(["records", "kinds", "sources"]);

/**
 * Which tiers are usable for a requirement of tier `t`: t and above, and t−1 when records from enough
 * independent primary sources (one per record) converge — for the measures convergence can lift.
 */
function usableTiers(s: Sum, t: Tier, rule: ConfidenceRule, measure: ConditionMeasure): readonly number[] {
  const tiers = [0, 1, 2].filter((x) => x >= t);
  if (t === 0 || !CONVERGENT.has(measure)) return tiers;
  const below = t - 1;
  let distinct = 0;
  for (const by of s.primaries.values()) if (by.slice(below).some((n) => n > 0)) distinct += 1;
  return distinct >= rule.independentSources ? [below, ...tiers] : tiers;
}

function valueAt(s: Sum, measure: ConditionMeasure, tiers: readonly number[]): number {
  const sum = (by: readonly number[]) => tiers.reduce((acc, t) => acc + (by[t] as number), 0);
  switch (measure) {
    case "records":
      return sum(s.records);
    case "deaths":
      return sum(s.deaths);
    case "civilianDeaths":
      return sum(s.civilianDeaths);
    case "displaced":
      return sum(s.displaced);
    case "kinds":
      return [...s.kinds.values()].filter((by) => sum(by) > 0).length;
    case "sources":
      return [...s.sources.values()].filter((by) => sum(by) > 0).length;
  }
}

/** The aggregate keys a condition reads (its own, and its end's), computed once per rule. */
const keys = new WeakMap<ConditionRule, { readonly own: string; readonly end: string | undefined }>();

function keysOf(c: ConditionRule): { readonly own: string; readonly end: string | undefined } {
  let k = keys.get(c);
  if (!k) {
    k = {
      own: conditionKey(c.mappings, c.withinDays ?? null),
      end: c.endedBy === undefined ? undefined : conditionKey(c.endedBy, null),
    };
    keys.set(c, k);
  }
  return k;
}

/** Sums already taken in one decision, by the scopes and aggregate they cover (many conditions share them). */
type Sums = Map<string, Sum>;

interface Measured {
  readonly scopes: readonly string[];
  readonly aggs: readonly ConditionAggregate[];
  readonly s: Sum;
  readonly measure: ConditionMeasure;
  readonly min: number;
  readonly requiredTier: Tier;
  readonly value: number;
  /** The highest tier at which it holds, or null (unmet, or closed by evidence of an end). */
  readonly confidence: Tier | null;
  /** The aggregates of the evidence of an end that closed it, when one did. */
  readonly endedBy?: readonly ConditionAggregate[];
}

/** Whether a condition holds and at what confidence: read from the aggregates' totals, no record cited. */
function measureCondition(
  situation: Situation,
  c: ConditionRule,
  state: CriteriaState,
  rule: ConfidenceRule,
  sums: Sums,
): Measured {
  const scopes = conditionScopes(situation, c.scope);
  const key = keysOf(c);
  const aggs = state.aggregates(scopes, key.own);
  const measure = (c.measure ?? "records") as ConditionMeasure;
  const min = c.min ?? 1;
  const requiredTier = tierNumber(c.confidence, 1);
  const sumKey = `${c.scope ?? ""}\u0000${key.own}`;
  let s = sums.get(sumKey);
  if (!s) {
    s = sumOf(aggs);
    sums.set(sumKey, s);
  }
  let confidence: Tier | null = null;
  let value = 0;
  for (let t = 2; t >= 0; t -= 1) {
    const v = valueAt(s, measure, usableTiers(s, t as Tier, rule, measure));
    if (t === requiredTier) value = v;
    if (t >= requiredTier && v >= min && confidence === null) confidence = t as Tier;
  }
  if (confidence !== null && key.end !== undefined) {
    const ends = state.aggregates(scopes, key.end);
    const lastOwn = Math.max(Number.NEGATIVE_INFINITY, ...aggs.flatMap((a) => a.maxEventDay));
    // Only evidence of an end that is at least probable closes a condition: a rumour of a ceasefire does not.
    const lastEnd = Math.max(Number.NEGATIVE_INFINITY, ...ends.flatMap((a) => a.maxEventDay.slice(1)));
    if (lastEnd >= lastOwn)
      return { scopes, aggs, s, measure, min, requiredTier, value, confidence: null, endedBy: ends };
  }
  return { scopes, aggs, s, measure, min, requiredTier, value, confidence };
}

function judgeCondition(
  situation: Situation,
  c: ConditionRule,
  state: CriteriaState,
  rule: ConfidenceRule,
  day: number,
  date: string,
  sums: Sums,
): ConditionFinding {
  const { aggs, s, measure, min, requiredTier, value, confidence, endedBy } = measureCondition(
    situation,
    c,
    state,
    rule,
    sums,
  );
  let ended: string | undefined;
  if (endedBy !== undefined) {
    const ref = endedBy
      .flatMap((a) => a.citable(day))
      .filter((r) => r.tier >= 1)
      .sort((a, b) => b.seq - a.seq)[0];
    ended = `ended by ${ref?.record ?? "evidence of an end"} (${ref?.eventDay ?? "?"})`;
  }
  const usable = new Set(usableTiers(s, requiredTier, rule, measure));
  const refs = aggs
    .flatMap((a) => a.citable(day))
    .filter((r) => usable.has(r.tier))
    .sort(
      (a, b) =>
        b.tier - a.tier ||
        b.deaths - a.deaths ||
        (a.eventDay < b.eventDay ? 1 : a.eventDay > b.eventDay ? -1 : 0) ||
        b.seq - a.seq,
    );
  const seen = new Set<string>();
  const records: ConditionRecord[] = [];
  for (const r of refs) {
    if (seen.has(r.record) || records.length >= CITED_RECORDS) continue;
    seen.add(r.record);
    records.push({
      record: r.record,
      kind: r.kind,
      confidence: TIER_NAMES[r.tier] as ConfidenceTier,
      knownAt: r.knownAt,
      eventDay: r.eventDay,
      citations: r.citations,
      ...(r.grade !== undefined ? { grade: r.grade } : {}),
      ...(r.deaths > 0 ? { deaths: r.deaths } : {}),
      ...(r.displaced > 0 ? { displaced: r.displaced } : {}),
      ...(r.summary !== undefined ? { summary: r.summary } : {}),
    });
  }
  return {
    id: c.id,
    text: c.text,
    met: confidence !== null,
    measure,
    value,
    min,
    required: TIER_NAMES[requiredTier] as ConfidenceTier,
    confidence: confidence === null ? null : (TIER_NAMES[confidence] as ConfidenceTier),
    ...(c.withinDays !== undefined ? { window: { from: addDays(date, -c.withinDays), to: date } } : {}),
    records,
    total: valueAt(s, "records", [...usable]),
    ...(ended !== undefined ? { ended } : {}),
  };
}

/** Whether a criterion applies to a situation (a targeted group, or civilians). */
export function appliesTo(c: CriterionRule, situation: Situation): boolean {
  const kind = situation.group === undefined ? "civilians" : "group";
  return c.situations === undefined || c.situations === "any" || c.situations === kind;
}

const numbers = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const fmt = (n: number): string => numbers.format(n);

/** One line for a condition: what it counted, against what, with which records. */
export function describeCondition(c: ConditionFinding): string {
  const what =
    c.measure === "records"
      ? "record(s)"
      : c.measure === "kinds"
        ? "kind(s)"
        : c.measure === "sources"
          ? "source(s)"
          : c.measure === "civilianDeaths"
            ? "civilian deaths"
            : c.measure;
  const window = c.window ? ` from ${c.window.from}` : "";
  const conf = c.confidence ?? `needs ${c.required}`;
  const recs =
    c.records.length === 0
      ? ""
      : `; ${c.records.map((r) => `${r.record}${r.grade ? ` [${r.grade}]` : ""}`).join(", ")}${c.total > c.records.length ? ` and ${fmt(c.total - c.records.length)} more` : ""}`;
  return `${c.id}: ${fmt(c.value)} ${what}${window} (needs ${fmt(c.min)}), ${c.met ? conf : (c.ended ?? `not met at ${c.required}`)}${recs}`;
}

function describeCriterion(f: CriterionFinding): string {
  const head = `${f.level} (criterion ${f.id}${f.confidence ? `, ${f.confidence}` : ""}): ${f.text}`;
  return `${head} — ${f.conditions.map(describeCondition).join("; ")}`;
}

/**
 * Decide the level of a situation on `date` from the criteria state.
 * @example decideLevel(plan, confidence, situation, state, day, "1994-01-12").level // "imminent"
 */
export function decideLevel(
  plan: CriteriaPlan,
  rule: ConfidenceRule,
  situation: Situation,
  state: CriteriaState,
  day: number,
  date: string,
): LevelDecision {
  const findings = new Map<RuledLevel, CriterionFinding[]>();
  const sums: Sums = new Map();
  // Bottom up, so a criterion that requires a level knows whether it holds.
  for (const { level, criteria } of [...plan.levelsTopDown].reverse()) {
    const list: CriterionFinding[] = [];
    for (const cr of criteria) {
      if (!appliesTo(cr, situation)) continue;
      const conditions = cr.conditions.map((c) => judgeCondition(situation, c, state, rule, day, date, sums));
      const required = cr.requires as RuledLevel | undefined;
      const requiresUnmet = required !== undefined && !(findings.get(required) ?? []).some((f) => f.met);
      const met = !requiresUnmet && conditions.every((c) => c.met);
      const tiers = conditions.map((c) => tierNumber(c.confidence ?? undefined, 0));
      list.push({
        id: cr.id,
        level,
        text: cr.text,
        ...(cr.crimes ? { crimes: cr.crimes } : {}),
        met,
        confidence: met ? (TIER_NAMES[Math.min(...tiers)] as ConfidenceTier) : null,
        conditions,
        ...(requiresUnmet ? { requiresUnmet: required } : {}),
      });
    }
    findings.set(level, list);
  }
  let level: RiskLevel = "none";
  for (const { level: l } of plan.levelsTopDown)
    if ((findings.get(l) ?? []).some((f) => f.met)) {
      level = l;
      break;
    }
  const met = level === "none" ? [] : (findings.get(level as RuledLevel) ?? []).filter((f) => f.met);
  const up = plan.levelsTopDown.map((x) => x.level).find((l) => levelRank(l) === levelRank(level) + 1);
  const candidates = up === undefined ? [] : (findings.get(up) ?? []).filter((f) => !f.met);
  const next =
    candidates.length === 0
      ? null
      : ([...candidates].sort(
          (a, b) =>
            b.conditions.filter((c) => c.met).length / b.conditions.length -
            a.conditions.filter((c) => c.met).length / a.conditions.length,
        )[0] ?? null);
  return { level, met, next, reasons: decisionReasons(met, next) };
}

/**
 * The level alone, as {@link decideLevel} decides it, without the findings: the conditions are measured from
 * the aggregates' totals, no record is cited and no reason written, and a level's criteria stop at the first
 * one met. What a replay needs on every day; the full decision is made only where it is read.
 * @example decideLevelOnly(plan, confidence, situation, state) // "high"
 */
export function decideLevelOnly(
  plan: CriteriaPlan,
  rule: ConfidenceRule,
  situation: Situation,
  state: CriteriaState,
): RiskLevel {
  const held = new Map<RuledLevel, boolean>();
  const sums: Sums = new Map();
  for (const { level, criteria } of [...plan.levelsTopDown].reverse()) {
    let any = false;
    for (const cr of criteria) {
      if (!appliesTo(cr, situation)) continue;
      const required = cr.requires as RuledLevel | undefined;
      if (required !== undefined && held.get(required) !== true) continue;
      if (cr.conditions.every((c) => measureCondition(situation, c, state, rule, sums).confidence !== null)) {
        any = true;
        break;
      }
    }
    held.set(level, any);
  }
  for (const { level } of plan.levelsTopDown) if (held.get(level) === true) return level;
  return "none";
}

/** The reasons a decision gives: each criterion met, then what the closest criterion of the next level lacks. */
export function decisionReasons(met: readonly CriterionFinding[], next: CriterionFinding | null): string[] {
  return [
    ...met.map(describeCriterion),
    ...(next
      ? [
          `not ${next.level}: closest criterion ${next.id}${next.requiresUnmet ? ` (requires ${next.requiresUnmet})` : ""} — ${next.conditions.map(describeCondition).join("; ")}`,
        ]
      : []),
  ];
}
