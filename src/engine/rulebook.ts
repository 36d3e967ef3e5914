/**
 * The early-warning rulebook as the engine sees it: risk factors, indicators, mappings from records to
 * indicators, grading, levels, the escalation lens and the playbook. The shape is data (see docs/rulebook.md);
 * only {@link ValidRulebook}, produced by the checker, may be given to the engine.
 * @module
 */
export * from "../domain/rulebook-document.js";
import type { LevelRule, RuledLevel, RulebookDocument } from "../domain/rulebook-document.js";
import type { CriteriaPlan } from "./criteria/criteria-plan.js";

declare const validBrand: unique symbol;

/** Precomputed orderings the engine needs; filled by the checker. */
export interface RulebookPlan {
  /** Indicators in evaluation order: every derived indicator after the indicators it derives from. */
  readonly indicatorOrder: readonly string[];
  /** Stages from first to last. */
  readonly stageOrder: readonly string[];
  /** Score-based level rules from elevated to ongoing (rulebooks 1 and 2; empty with criteria). */
  readonly levelRules: readonly (LevelRule & { readonly level: RuledLevel })[];
  /** The level criteria's plan (rulebook 3 on). */
  readonly criteria?: CriteriaPlan;
}

/**
 * A rulebook that passed every check. Only {@link checkRulebook} makes one, so the engine cannot be run on a
 * half-valid rulebook.
 */
export type ValidRulebook = RulebookDocument & {
  readonly [validBrand]: true;
  readonly plan: RulebookPlan;
};
