/**
 * The engine's running state: evidence accumulated per scope and indicator (the Framework score), the criteria's
 * windowed aggregates (the level), the groups known so far, and which civilians and regions are situations. Both
 * {@link assess} (fed once) and {@link replay} (fed step by step) go through this one state, so a replay step and a
 * full assessment on the same day agree exactly. With a score-based rulebook (1 and 2), the recent toll of
 * "current" level conditions is kept instead of the criteria.
 * @module
 */
import type { ProtectedGroup } from "../domain/index.js";
import type { Assessment, Situation } from "./assessment.js";
import {
  completeAssessment,
  type CachedEvidence,
  situationDay,
  type AssessmentBasis,
  type SituationDay,
  type SituationInputs,
} from "./assess-situation.js";
import { DEFAULT_CONFIDENCE } from "./confidence.js";
import { CriteriaState } from "./criteria/criteria-state.js";
import { DecisionMemo } from "./criteria/decision-memo.js";
import { dayNumber, dayOfNumber } from "./day-number.js";
import { EvidenceAccumulator } from "./evidence-accumulator.js";
import { GLOBAL_SCOPE, type EvidenceItem, type Fact } from "./evidence.js";
import type { RiskLevel, ValidRulebook } from "./rulebook.js";

import type { TollEntry } from "./toll-entry.js";

export type { TollEntry } from "./toll-entry.js";

type EvidenceCache = Map<string, CachedEvidence>;

/** A situation's assessed day: its level at once, the rest once computed. */
interface DayBasis {
  readonly situation: Situation;
  readonly asOf: string;
  readonly day: number;
  /** With level criteria: the level they decided that day. */
  level?: RiskLevel;
  computed?: SituationDay;
}

export class EngineState {
  private readonly scopes = new Map<string, Map<string, EvidenceAccumulator>>();
  private readonly tolls = new Map<string, TollEntry[]>();
  private readonly groups = new Map<string, ProtectedGroup>();
  private readonly evidenceCache = new Map<string, EvidenceCache>();
  private readonly halfLife: ReadonlyMap<string, number>;
  private readonly tollIndicators: ReadonlySet<string>;
  private readonly maxWindow: number;
  private readonly criteria: CriteriaState | undefined;
  private readonly decisions: DecisionMemo | undefined;
  private readonly civilianMappings: ReadonlySet<string>;
  private readonly regionMappings: ReadonlySet<string>;
  private readonly civilians = new Set<string>();
  private readonly regions = new Map<string, { country: string; name: string; events: number }>();
  private lastDay = Number.NEGATIVE_INFINITY;
  /** Each situation's last assessed day, and the one before; computed when first read. */
  private latest = new Map<string, DayBasis>();
  private before = new Map<string, DayBasis>();
  /** Scopes evidence was added to since the last assessment. */
  private readonly touched = new Set<string>();

  constructor(private readonly rulebook: ValidRulebook) {
    this.halfLife = new Map(rulebook.indicators.map((i) => [i.id, i.halfLifeDays]));
    const levels = rulebook.levels ?? [];
    const tollSignals = new Set(levels.flatMap((l) => l.current?.signals ?? []));
    this.tollIndicators = new Set(
      rulebook.indicators.filter((i) => i.signals.some((s) => tollSignals.has(s))).map((i) => i.id),
    );
    this.maxWindow = Math.max(0, ...levels.map((l) => l.current?.withinDays ?? 0));
    const plan = rulebook.plan.criteria;
    this.criteria = plan ? new CriteriaState(plan, rulebook.holdDays ?? 0) : undefined;
    this.decisions =
      plan && this.criteria
        ? new DecisionMemo(plan, rulebook.confidence ?? DEFAULT_CONFIDENCE, this.criteria)
        : undefined;
    this.civilianMappings = new Set(rulebook.situations?.civilians.mappings ?? []);
    this.regionMappings = new Set(rulebook.situations?.regions?.mappings ?? []);
  }

  /** Add indicator evidence; callers add it in the global order of the extractor. */
  addEvidence(item: EvidenceItem): void {
    this.keepDaysReading(item.scope);
    let byIndicator = this.scopes.get(item.scope);
    if (!byIndicator) {
      byIndicator = new Map();
      this.scopes.set(item.scope, byIndicator);
    }
    let acc = byIndicator.get(item.indicator);
    if (!acc) {
      acc = new EvidenceAccumulator(
        this.halfLife.get(item.indicator) ?? 1,
        this.rulebook.evidencePerIndicator,
      );
      byIndicator.set(item.indicator, acc);
    }
    acc.add(item);
    // Only incidents are killings; a report's finding is evidence, not a death toll.
    if (this.tollIndicators.has(item.indicator) && !item.upgrade && item.kind === "incident") {
      const list = this.tolls.get(item.scope) ?? [];
      list.push({
        record: item.record,
        indicator: item.indicator,
        day: item.day,
        fatalities: item.fatalities,
      });
      this.tolls.set(item.scope, list);
    }
  }

  /** Add a fact for the level criteria (ignored with a score-based rulebook). */
  addFact(f: Fact): void {
    if (!this.criteria) return;
    this.criteria.add(f);
    if (f.previous) return;
    const isRegion = f.region !== undefined;
    if (!isRegion && f.scope.endsWith("/*") && f.mappings.some((m) => this.civilianMappings.has(m)))
      this.civilians.add(f.scope.slice(0, f.scope.indexOf("/")));
    if (isRegion && f.mappings.some((m) => this.regionMappings.has(m))) {
      const r = this.regions.get(f.scope) ?? {
        country: f.scope.slice(0, f.scope.indexOf("/")),
        name: f.region as string,
        events: 0,
      };
      r.events += f.events;
      this.regions.set(f.scope, r);
    }
  }

  /** Make a group known (situations are derived from groups and from evidence scopes). */
  addGroup(group: ProtectedGroup): void {
    this.groups.set(group.id, group);
  }

  /** The situations known so far, sorted by id. */
  situations(): Situation[] {
    const ids = new Set<string>();
    for (const scope of this.scopes.keys())
      if (scope !== GLOBAL_SCOPE && !this.regions.has(scope) && scope.split("/").length === 2) ids.add(scope);
    for (const g of this.groups.values()) for (const c of g.countries) ids.add(`${c}/${g.id}`);
    const countriesWithGroups = new Set(
      [...ids].filter((id) => !id.endsWith("/*")).map((id) => id.slice(0, id.indexOf("/"))),
    );
    const minEvents = this.rulebook.situations?.regions?.minEvents ?? Number.POSITIVE_INFINITY;
    const regions = [...this.regions].filter(([, r]) => r.events >= minEvents);
    const out = [...ids].filter((id) => {
      if (!id.endsWith("/*")) return true;
      const country = id.slice(0, id.indexOf("/"));
      // A country's civilians are a situation when the evidence harms them, or when no group is targeted there.
      return !countriesWithGroups.has(country) || this.civilians.has(country);
    });
    for (const [scope] of regions) out.push(scope);
    return out.sort().map((id) => {
      const region = this.regions.get(id);
      if (region) return { id, country: region.country, region: region.name };
      const slash = id.indexOf("/");
      const country = id.slice(0, slash);
      const group = id.slice(slash + 1);
      if (group === "*") return { id, country };
      const name = this.groups.get(group)?.name;
      return name === undefined ? { id, country, group } : { id, country, group, groupName: name };
    });
  }

  /**
   * The first day after the last assessed one on which the criteria's evidence changes without a new record
   * (evidence leaving its window), or undefined: a replay assesses it too, so a level falls on the day its
   * evidence lapses whatever the step. (Score-based rulebooks decay every day and are read on step days.)
   */
  nextLapse(): string | undefined {
    const next = this.criteria?.nextChange() ?? Number.POSITIVE_INFINITY;
    return Number.isFinite(next) ? dayOfNumber(Math.max(next, this.lastDay + 1)) : undefined;
  }

  /**
   * Assess every situation on `asOf`. Days must not go backwards between calls: evidence that no longer counts
   * is dropped as the days advance.
   */
  assessAt(asOf: string, previous: readonly Assessment[]): Assessment[] {
    const prev = new Map<string, Assessment>();
    for (const p of previous) {
      const seen = prev.get(p.situation.id);
      if (!seen || seen.asOf <= p.asOf) prev.set(p.situation.id, p);
    }
    return this.levelsAt(asOf).map(({ situation }) =>
      this.complete(this.dayOf(situation.id) as SituationDay, prev.get(situation.id)),
    );
  }

  /**
   * Every situation's level on `asOf` — all a replay reads on most days. Days must not go backwards between
   * calls. The rest of each situation's day (indicators, score, stage) is computed only when read, by
   * {@link dayOf} and {@link previousOf}: from the evidence as it stands, or, for a day whose evidence has
   * since been added to, as it was computed just before that evidence came in (see {@link addEvidence}).
   */
  levelsAt(asOf: string): { readonly situation: Situation; readonly level: RiskLevel }[] {
    const day = dayNumber(asOf);
    if (day < this.lastDay)
      throw new Error(`EngineState.levelsAt: ${asOf} is earlier than the previous assessment day`);
    this.lastDay = day;
    this.pruneTolls(day);
    this.criteria?.advance(day);
    this.before = this.latest;
    this.latest = new Map();
    this.touched.clear();
    return this.situations().map((situation) => {
      const basis: DayBasis = { situation, asOf, day };
      // A score-based level needs the score: that day is computed at once.
      const level = this.decisions
        ? (basis.level = this.decisions.level(situation))
        : this.compute(basis).level;
      this.latest.set(situation.id, basis);
      return { situation, level };
    });
  }

  /** A situation's day as of the last {@link levelsAt} (undefined: not a situation then). */
  dayOf(id: string): SituationDay | undefined {
    const b = this.latest.get(id);
    return b && (b.computed ?? this.compute(b));
  }

  /** A situation's day as of the {@link levelsAt} before the last: what the last day's changes are measured from. */
  previousOf(id: string): SituationDay | undefined {
    const b = this.before.get(id);
    return b && (b.computed ?? this.compute(b));
  }

  private compute(b: DayBasis): SituationDay {
    const { situation, asOf, day } = b;
    const empty = new Map<string, EvidenceAccumulator>();
    const countryScope = `${situation.country}/*`;
    const inputs: SituationInputs = {
      own: this.scopes.get(situation.id) ?? empty,
      country: situation.id === countryScope ? empty : (this.scopes.get(countryScope) ?? empty),
      global: this.scopes.get(GLOBAL_SCOPE) ?? empty,
      tolls: this.tolls.get(situation.id) ?? [],
      cache: this.cacheFor(situation.id),
      ...(this.decisions ? { decisions: this.decisions } : {}),
      ...(b.level !== undefined ? { level: b.level } : {}),
    };
    b.computed = situationDay(this.rulebook, situation, asOf, day, inputs);
    return b.computed;
  }

  /**
   * Before evidence first changes `scope` after an assessment, compute the last assessed day of every situation
   * that reads it (its own scope, its country's, the global one) that has not been computed yet: that day can no
   * longer be computed from the evidence once it has changed.
   */
  private keepDaysReading(scope: string): void {
    if (this.touched.has(scope)) return;
    this.touched.add(scope);
    for (const b of this.latest.values()) {
      if (b.computed) continue;
      const s = b.situation;
      if (scope === GLOBAL_SCOPE || scope === s.id || scope === `${s.country}/*`) this.compute(b);
    }
  }

  /**
   * The full assessment of a situation's day given by the last {@link daysAt} (before any evidence is added),
   * with what changed since `previous`, the situation's previous assessed day.
   */
  complete(current: SituationDay, previous: AssessmentBasis | undefined): Assessment {
    return completeAssessment(current, this.decisions, previous);
  }

  private cacheFor(situation: string): EvidenceCache {
    let c = this.evidenceCache.get(situation);
    if (!c) {
      c = new Map();
      this.evidenceCache.set(situation, c);
    }
    return c;
  }

  private pruneTolls(day: number): void {
    if (this.tolls.size === 0) return;
    const oldest = day - this.maxWindow;
    for (const [scope, list] of this.tolls) {
      if (list.some((t) => t.day < oldest))
        this.tolls.set(
          scope,
          list.filter((t) => t.day >= oldest),
        );
    }
  }
}
