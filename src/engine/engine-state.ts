/**
 * The engine's running state: evidence accumulated per scope and indicator, the groups known so far, and the
 * recent toll used by "current" level conditions. Both {@link assess} (fed once) and {@link replay} (fed step
 * by step) go through this one state, so a replay step and a full assessment on the same day agree exactly.
 * @module
 */
import type { ProtectedGroup } from "../domain/index.js";
import type { Assessment, EvidenceRef, Situation } from "./assessment.js";
import { assessSituation, type SituationInputs } from "./assess-situation.js";
import { dayNumber } from "./day-number.js";
import { EvidenceAccumulator } from "./evidence-accumulator.js";
import { GLOBAL_SCOPE, type EvidenceItem } from "./evidence.js";
import type { ValidRulebook } from "./rulebook.js";

/** A piece of evidence that counts towards a "current" condition (e.g. the toll of mass killing). */
export interface TollEntry {
  readonly record: string;
  readonly indicator: string;
  readonly day: number;
  readonly fatalities: number;
}

export class EngineState {
  private readonly scopes = new Map<string, Map<string, EvidenceAccumulator>>();
  private readonly tolls = new Map<string, TollEntry[]>();
  private readonly groups = new Map<string, ProtectedGroup>();
  private readonly evidenceCache = new Map<
    string,
    Map<string, { readonly versions: string; readonly refs: readonly EvidenceRef[] }>
  >();
  private readonly halfLife: ReadonlyMap<string, number>;
  private readonly tollIndicators: ReadonlySet<string>;
  private readonly maxWindow: number;
  private lastDay = Number.NEGATIVE_INFINITY;

  constructor(private readonly rulebook: ValidRulebook) {
    this.halfLife = new Map(rulebook.indicators.map((i) => [i.id, i.halfLifeDays]));
    const tollSignals = new Set(rulebook.levels.flatMap((l) => l.current?.signals ?? []));
    this.tollIndicators = new Set(
      rulebook.indicators.filter((i) => i.signals.some((s) => tollSignals.has(s))).map((i) => i.id),
    );
    this.maxWindow = Math.max(0, ...rulebook.levels.map((l) => l.current?.withinDays ?? 0));
  }

  /** Add evidence; callers add it in the global order of {@link extractEvidence}. */
  addEvidence(item: EvidenceItem): void {
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

  /** Make a group known (situations are derived from groups and from evidence scopes). */
  addGroup(group: ProtectedGroup): void {
    this.groups.set(group.id, group);
  }

  /** The situations known so far, sorted by id. */
  situations(): Situation[] {
    const ids = new Set<string>();
    for (const scope of this.scopes.keys()) if (scope !== GLOBAL_SCOPE) ids.add(scope);
    for (const g of this.groups.values()) for (const c of g.countries) ids.add(`${c}/${g.id}`);
    const countriesWithGroups = new Set(
      [...ids].filter((id) => !id.endsWith("/*")).map((id) => id.slice(0, id.indexOf("/"))),
    );
    return [...ids]
      .filter((id) => !(id.endsWith("/*") && countriesWithGroups.has(id.slice(0, id.indexOf("/")))))
      .sort()
      .map((id) => {
        const slash = id.indexOf("/");
        const country = id.slice(0, slash);
        const group = id.slice(slash + 1);
        if (group === "*") return { id, country };
        const name = this.groups.get(group)?.name;
        return name === undefined ? { id, country, group } : { id, country, group, groupName: name };
      });
  }

  /**
   * Assess every situation on `asOf`. Days must not go backwards between calls: old toll entries are dropped
   * once they can no longer fall inside any window.
   */
  assessAt(asOf: string, previous: readonly Assessment[]): Assessment[] {
    const day = dayNumber(asOf);
    if (day < this.lastDay)
      throw new Error(`EngineState.assessAt: ${asOf} is earlier than the previous assessment day`);
    this.lastDay = day;
    this.pruneTolls(day);
    const prev = new Map<string, Assessment>();
    for (const p of previous) {
      const seen = prev.get(p.situation.id);
      if (!seen || seen.asOf <= p.asOf) prev.set(p.situation.id, p);
    }
    const empty = new Map<string, EvidenceAccumulator>();
    return this.situations().map((situation) => {
      const inputs: SituationInputs = {
        own: this.scopes.get(situation.id) ?? empty,
        country: situation.group === undefined ? empty : (this.scopes.get(`${situation.country}/*`) ?? empty),
        global: this.scopes.get(GLOBAL_SCOPE) ?? empty,
        tolls: this.tolls.get(situation.id) ?? [],
        cache: this.cacheFor(situation.id),
      };
      return assessSituation(this.rulebook, situation, asOf, day, inputs, prev.get(situation.id));
    });
  }

  private cacheFor(
    situation: string,
  ): Map<string, { readonly versions: string; readonly refs: readonly EvidenceRef[] }> {
    let c = this.evidenceCache.get(situation);
    if (!c) {
      c = new Map();
      this.evidenceCache.set(situation, c);
    }
    return c;
  }

  private pruneTolls(day: number): void {
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
