/**
 * The criteria's running state: one {@link ConditionAggregate} per scope and per (mappings, window) the
 * criteria read, fed with facts in the global order and advanced to each assessed day.
 * @module
 */
import type { Fact } from "../evidence.js";
import type { CriteriaPlan } from "./criteria-plan.js";
import { ConditionAggregate } from "./condition-aggregate.js";

export class CriteriaState {
  private readonly scopes = new Map<string, Map<string, ConditionAggregate>>();
  private readonly mappingSets = new Map<string, ReadonlySet<string>>();
  /** Per scope, a number that moves whenever one of its aggregates may have changed (see {@link version}). */
  private readonly versions = new Map<string, number>();
  private readonly keysByMappings = new Map<string, readonly string[]>();

  constructor(
    private readonly plan: CriteriaPlan,
    private readonly hold: number,
  ) {
    for (const [key, spec] of plan.aggregates) this.mappingSets.set(key, new Set(spec.mappings));
  }

  /** Add a fact to every aggregate of its scope that reads one of its mappings. */
  add(f: Fact): void {
    const keys = this.keysOf(f.mappings);
    if (keys.length === 0) return;
    this.versions.set(f.scope, (this.versions.get(f.scope) ?? 0) + 1);
    let byKey = this.scopes.get(f.scope);
    if (!byKey) {
      byKey = new Map();
      this.scopes.set(f.scope, byKey);
    }
    for (const key of keys) {
      let agg = byKey.get(key);
      if (!agg) {
        const spec = this.plan.aggregates.get(key);
        if (!spec) continue;
        agg = new ConditionAggregate(
          this.mappingSets.get(key) as ReadonlySet<string>,
          spec.withinDays,
          this.hold,
        );
        byKey.set(key, agg);
      }
      agg.add(f);
    }
  }

  /** The aggregates a set of mappings feeds, in the order of its mappings (computed once per set). */
  private keysOf(mappings: readonly string[]): readonly string[] {
    const signature = mappings.length === 1 ? (mappings[0] as string) : mappings.join("\u0000");
    let keys = this.keysByMappings.get(signature);
    if (!keys) {
      const set = new Set<string>();
      for (const m of mappings) for (const k of this.plan.aggregatesOfMapping.get(m) ?? []) set.add(k);
      keys = [...set];
      this.keysByMappings.set(signature, keys);
    }
    return keys;
  }

  /** Drop, everywhere, what no longer counts on day number `day`. */
  advance(day: number): void {
    for (const [scope, byKey] of this.scopes) {
      let moved = false;
      for (const agg of byKey.values()) if (agg.advance(day)) moved = true;
      if (moved) this.versions.set(scope, (this.versions.get(scope) ?? 0) + 1);
    }
  }

  /**
   * The version of a scope's aggregates: equal on two days only if nothing was added to them nor dropped from
   * them in between, so every judgement read from them is the same on both days, bar the dates it is stamped
   * with (0 for a scope with no evidence yet).
   */
  version(scope: string): number {
    return this.versions.get(scope) ?? 0;
  }

  /** The first day on which some evidence counted now stops counting (Infinity when none will). */
  nextChange(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const byKey of this.scopes.values())
      for (const agg of byKey.values()) next = Math.min(next, agg.nextChange());
    return next;
  }

  /** The aggregates of `key` in the given scopes (those that exist). */
  aggregates(scopes: readonly string[], key: string): ConditionAggregate[] {
    const out: ConditionAggregate[] = [];
    for (const s of scopes) {
      const agg = this.scopes.get(s)?.get(key);
      if (agg) out.push(agg);
    }
    return out;
  }
}
