/**
 * The plan of a rulebook's level criteria, computed once by the checker: which windowed aggregates the conditions
 * need (one per set of mappings and window), which of them each mapping feeds, and the criteria by level.
 * @module
 */
import type { CriterionRule, RuledLevel } from "../../domain/rulebook-document.js";

export interface AggregateSpec {
  /** The mappings whose evidence the aggregate holds (sorted, unique). */
  readonly mappings: readonly string[];
  /** Event-time window in days; null: any time. */
  readonly withinDays: number | null;
}

export interface CriteriaPlan {
  /** Aggregates by key (see {@link conditionKey}). */
  readonly aggregates: ReadonlyMap<string, AggregateSpec>;
  /** For each mapping, the keys of the aggregates it feeds. */
  readonly aggregatesOfMapping: ReadonlyMap<string, readonly string[]>;
  /** Levels from ongoing down to elevated, each with its criteria in file order. */
  readonly levelsTopDown: readonly {
    readonly level: RuledLevel;
    readonly criteria: readonly CriterionRule[];
  }[];
}

/**
 * The key of the aggregate a condition reads: its mappings (sorted) and window.
 * @example conditionKey(["b", "a"], 365) // "a+b@365"
 */
export function conditionKey(mappings: readonly string[], withinDays: number | null): string {
  return `${[...new Set(mappings)].sort().join("+")}@${withinDays ?? "any"}`;
}
