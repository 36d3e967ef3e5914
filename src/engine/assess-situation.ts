/**
 * Scoring one situation on one day from its accumulated evidence: indicator strengths, risk-factor scores,
 * the level with its reasons, the escalation stage and the changes since the previous assessment.
 * @module
 */
import type {
  Assessment,
  EvidenceRef,
  FactorScore,
  IndicatorFinding,
  Situation,
  StageFinding,
} from "./assessment.js";
import type { TollEntry } from "./toll-entry.js";
import type { DecisionMemo } from "./criteria/decision-memo.js";
import type { EvidenceAccumulator } from "./evidence-accumulator.js";
import type { EvidenceItem } from "./evidence.js";
import { evaluateLevel } from "./level.js";
import { indicatorsById } from "./rulebook-index.js";
import { levelRank, type IndicatorRule, type RiskLevel, type ValidRulebook } from "./rulebook.js";

/** An indicator's evidence list, and the versions of the accumulators (own, country, global; −1: none) it came from. */
export interface CachedEvidence {
  readonly own: number;
  readonly country: number;
  readonly global: number;
  readonly refs: readonly EvidenceRef[];
}

/** The accumulators that bear on one situation: its own scope, its country's, and the global one. */
export interface SituationInputs {
  readonly own: ReadonlyMap<string, EvidenceAccumulator>;
  readonly country: ReadonlyMap<string, EvidenceAccumulator>;
  readonly global: ReadonlyMap<string, EvidenceAccumulator>;
  readonly tolls: readonly TollEntry[];
  /** Evidence lists by indicator, kept between steps: they only change when evidence is added. */
  readonly cache?: Map<string, CachedEvidence>;
  /** The criteria's decisions, with a rulebook of level criteria. */
  readonly decisions?: DecisionMemo;
  /** The level the criteria decided on that day, when known already (a day read after later ones were decided). */
  readonly level?: RiskLevel;
}

const recordSets = new WeakMap<readonly IndicatorFinding[], ReadonlySet<string>>();

/** The records cited by a list of findings, remembered so the next step's comparison does not rebuild it. */
function evidenceRecords(findings: readonly IndicatorFinding[]): ReadonlySet<string> {
  let set = recordSets.get(findings);
  if (!set) {
    const s = new Set<string>();
    for (const f of findings) for (const e of f.evidence) s.add(e.record);
    set = s;
    recordSets.set(findings, set);
  }
  return set;
}

/** Round to 2 decimals for output (decisions use unrounded values). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

interface Computed {
  readonly strength: number;
  readonly evidence: readonly EvidenceRef[];
  readonly count: number;
  readonly derivedFrom?: readonly string[];
}

const NOTHING: Computed = { strength: 0, evidence: [], count: 0 };

function direct(
  rule: IndicatorRule,
  inputs: SituationInputs,
  day: number,
  keep: number,
  minStrength: number,
): Computed {
  const own = inputs.own.get(rule.id);
  const country = inputs.country.get(rule.id);
  const global = inputs.global.get(rule.id);
  if (!own && !country && !global) return NOTHING;
  // Summed in the order own, country, global (no list built: this runs for every indicator every day).
  let mass = 0;
  let count = 0;
  if (own) {
    mass += own.valueAt(day);
    count += own.count;
  }
  if (country) {
    mass += country.valueAt(day);
    count += country.count;
  }
  if (global) {
    mass += global.valueAt(day);
    count += global.count;
  }
  const strength = 1 - Math.exp(-mass / rule.saturation);
  // Supporting records are only listed for indicators that are present.
  if (strength < minStrength) return { strength, evidence: [], count };
  const ownV = own?.version ?? -1;
  const countryV = country?.version ?? -1;
  const globalV = global?.version ?? -1;
  const cached = inputs.cache?.get(rule.id);
  if (cached && cached.own === ownV && cached.country === countryV && cached.global === globalV)
    return { strength, evidence: cached.refs, count };
  const accs = [own, country, global].filter((a): a is EvidenceAccumulator => a !== undefined);
  // One half-life per indicator, so the order by decayed weight is the same on every day: merge the
  // accumulators' lists (each already strongest first) by their fixed keys, ties to the earlier piece.
  const refs: EvidenceRef[] = [];
  const at = accs.map(() => 0);
  while (refs.length < keep) {
    let best = -1;
    for (let k = 0; k < accs.length; k += 1) {
      const acc = accs[k] as EvidenceAccumulator;
      const i = at[k] as number;
      if (i >= acc.top.length) continue;
      if (best < 0) {
        best = k;
        continue;
      }
      const other = accs[best] as EvidenceAccumulator;
      const j = at[best] as number;
      const dk = (acc.topKeys[i] as number) - (other.topKeys[j] as number);
      if (dk > 0 || (dk === 0 && (acc.top[i] as EvidenceItem).seq < (other.top[j] as EvidenceItem).seq))
        best = k;
    }
    if (best < 0) break;
    const item = (accs[best] as EvidenceAccumulator).top[at[best] as number] as EvidenceItem;
    at[best] = (at[best] as number) + 1;
    const ref: { -readonly [K in keyof EvidenceRef]: EvidenceRef[K] } = {
      record: item.record,
      kind: item.kind,
      mapping: item.mapping,
      knownAt: item.knownAt,
      eventDay: item.eventDay,
      weight: round4(item.weight),
      citations: item.citations,
    };
    if (item.grade !== undefined) ref.grade = item.grade;
    if (item.summary !== undefined) ref.summary = item.summary;
    refs.push(ref);
  }
  inputs.cache?.set(rule.id, { own: ownV, country: countryV, global: globalV, refs });
  return { strength, evidence: refs, count };
}

function derived(
  rule: IndicatorRule,
  computed: ReadonlyMap<string, Computed>,
  minStrength: number,
): Computed {
  const from = rule.derivedFrom;
  if (!from) return { strength: 0, evidence: [], count: 0 };
  const present = from.indicators
    .map((id) => ({ id, strength: computed.get(id)?.strength ?? 0 }))
    .filter((x) => x.strength >= minStrength);
  if (present.length < from.minPresent) return { strength: 0, evidence: [], count: 0 };
  const top = [...present].sort((a, b) => b.strength - a.strength).slice(0, from.minPresent);
  const strength = top.reduce((s, x) => s + x.strength, 0) / top.length;
  return { strength, evidence: [], count: 0, derivedFrom: present.map((x) => x.id) };
}

function stageOf(
  rulebook: ValidRulebook,
  present: ReadonlySet<string>,
  level: RiskLevel,
): StageFinding | null {
  const order = rulebook.plan.stageOrder;
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const stage = rulebook.escalation.stages.find((s) => s.id === order[i]);
    if (!stage) continue;
    const byLevel =
      stage.reachedAtLevel !== undefined && levelRank(level) >= levelRank(stage.reachedAtLevel as RiskLevel);
    if (byLevel || stage.indicators.some((id) => present.has(id)))
      return { id: stage.id, name: stage.name, index: i + 1 };
  }
  return null;
}

/** What a situation's next assessment is compared with: the previous assessed day's level, score, indicators, stage. */
export type AssessmentBasis = Pick<Assessment, "level" | "score" | "indicators" | "stage">;

/**
 * A situation on one day, before its level's reasons are written out: its indicators, score, level and stage.
 * Cheap enough to compute on every assessed day for every situation; {@link completeAssessment} makes the full
 * assessment of it when one is wanted (an alert, the last day, a trace).
 */
export interface SituationDay extends AssessmentBasis {
  readonly asOf: string;
  readonly day: number;
  readonly situation: Situation;
  readonly factors: readonly FactorScore[];
  /** With a score-based rulebook: the level's reasons, known with the level. */
  readonly scoreReasons?: readonly string[];
}

/**
 * A situation's indicators, score, level and stage on day `asOf` (day number `day`). The level comes from the
 * criteria (remembered between days while their evidence is unchanged: see `DecisionMemo`) or, with a
 * score-based rulebook, from the score. Runs in O(indicators × evidencePerIndicator) plus the toll entries of
 * the situation, and judges the criteria only when their evidence changed.
 */
export function situationDay(
  rulebook: ValidRulebook,
  situation: Situation,
  asOf: string,
  day: number,
  inputs: SituationInputs,
): SituationDay {
  const rules = indicatorsById(rulebook);
  const minStrength = rulebook.presence.minStrength;
  const computed = new Map<string, Computed>();
  for (const id of rulebook.plan.indicatorOrder) {
    const rule = rules.get(id);
    if (!rule) continue;
    computed.set(
      id,
      rule.derivedFrom
        ? derived(rule, computed, minStrength)
        : direct(rule, inputs, day, rulebook.evidencePerIndicator, minStrength),
    );
  }
  const findings: IndicatorFinding[] = [];
  let total = 0;
  const byFactor = new Map<string, number>();
  for (const rule of rulebook.indicators) {
    const c = computed.get(rule.id);
    if (!c || c.strength < minStrength) continue;
    const points = rule.weight * c.strength;
    total += points;
    byFactor.set(rule.factor, (byFactor.get(rule.factor) ?? 0) + points);
    findings.push({
      indicator: rule.id,
      factor: rule.factor,
      text: rule.text,
      signals: rule.signals,
      strength: round4(c.strength),
      points: round2(points),
      evidence: c.evidence,
      evidenceCount: c.count,
      ...(c.derivedFrom ? { derivedFrom: c.derivedFrom } : {}),
    });
  }
  const factors: FactorScore[] = rulebook.riskFactors
    .filter((f) => (byFactor.get(f.id) ?? 0) > 0)
    .map((f) => ({ factor: f.id, name: f.name, score: round2(byFactor.get(f.id) ?? 0) }));
  const present = new Set(findings.map((f) => f.indicator));
  const decisions = rulebook.plan.criteria ? inputs.decisions : undefined;
  const byScore = decisions ? undefined : evaluateLevel(rulebook, total, findings, inputs.tolls, day);
  const level = decisions
    ? (inputs.level ?? decisions.level(situation))
    : (byScore as { level: RiskLevel }).level;
  return {
    asOf,
    day,
    situation,
    level,
    score: round2(total),
    factors,
    indicators: findings,
    stage: stageOf(rulebook, present, level),
    ...(byScore ? { scoreReasons: byScore.reasons } : {}),
  };
}

/**
 * The full assessment of a situation's day: its reasons (the criteria's findings re-read from `decisions`, whose
 * state must still stand on that day) and what changed since `previous`, the previous assessed day.
 */
export function completeAssessment(
  current: SituationDay,
  decisions: DecisionMemo | undefined,
  previous: AssessmentBasis | undefined,
): Assessment {
  const decision =
    current.scoreReasons === undefined && decisions
      ? decisions.decision(current.situation, current.day, current.asOf)
      : undefined;
  const { asOf, situation, level, score, factors, indicators: findings, stage } = current;
  const present = new Set(findings.map((f) => f.indicator));
  const previousIndicators = new Set(previous?.indicators.map((i) => i.indicator) ?? []);
  const previousEvidence = previous === undefined ? new Set<string>() : evidenceRecords(previous.indicators);
  return {
    asOf,
    situation,
    level,
    score,
    factors,
    indicators: findings,
    stage,
    reasons: decision?.reasons ?? current.scoreReasons ?? [],
    changes: {
      previousLevel: previous?.level ?? null,
      levelChanged: previous !== undefined && previous.level !== level,
      scoreDelta: previous === undefined ? null : round2(score - previous.score),
      indicatorsAdded: findings.filter((f) => !previousIndicators.has(f.indicator)).map((f) => f.indicator),
      indicatorsRemoved: [...previousIndicators].filter((id) => !present.has(id)),
      newEvidence: [...evidenceRecords(findings)].filter((r) => !previousEvidence.has(r)).sort(),
      stageChanged: previous !== undefined && (previous.stage?.id ?? null) !== (stage?.id ?? null),
    },
    ...(decision
      ? {
          criteria: { met: decision.met, next: decision.next },
          confidence: decision.met[0]?.confidence ?? null,
        }
      : {}),
  };
}

/** Assess one situation on day `asOf` (day number `day`): {@link situationDay}, then {@link completeAssessment}. */
export function assessSituation(
  rulebook: ValidRulebook,
  situation: Situation,
  asOf: string,
  day: number,
  inputs: SituationInputs,
  previous: AssessmentBasis | undefined,
): Assessment {
  return completeAssessment(situationDay(rulebook, situation, asOf, day, inputs), inputs.decisions, previous);
}
