/**
 * Confidence tiers of evidence, after the IPC's reliability scores: a record graded with one of the rulebook's
 * confirmed grades (by default A–B reliability and 1–2 credibility) is confirmed, one of the probable grades
 * (A–C, 1–3) probable, anything else — a low grade, or no source known when the record became known — possible:
 * an allegation. Criteria state the tier their evidence needs; convergence of independent sources raises evidence
 * one tier (see criteria/condition-aggregate.ts).
 * @module
 */
import type { ConfidenceRule, ConfidenceTier } from "./rulebook.js";

/** Tiers as numbers, for arithmetic: possible 0, probable 1, confirmed 2. */
export type Tier = 0 | 1 | 2;

export const TIER_NAMES: readonly ConfidenceTier[] = ["possible", "probable", "confirmed"];

/** The tier of a tier name. @example tierNumber("probable") // 1 */
export function tierNumber(name: ConfidenceTier | string | undefined, fallback: Tier = 1): Tier {
  const i = TIER_NAMES.indexOf(name as ConfidenceTier);
  return i < 0 ? fallback : (i as Tier);
}

/** The rule rulebooks without one use (rulebooks 1 and 2): A–B/1–2 confirmed, A–C/1–3 probable. */
export const DEFAULT_CONFIDENCE: ConfidenceRule = {
  confirmed: { reliability: ["A", "B"], credibility: [1, 2] },
  probable: { reliability: ["A", "B", "C"], credibility: [1, 2, 3] },
  independentSources: 2,
};

/**
 * The tier of an Admiralty grade, or possible when there is none.
 * @example tierOfGrade("B2", DEFAULT_CONFIDENCE) // 2
 */
export function tierOfGrade(grade: string | undefined, rule: ConfidenceRule): Tier {
  if (grade === undefined || grade.length < 2) return 0;
  const r = grade.slice(0, 1);
  const c = Number(grade.slice(1));
  if (rule.confirmed.reliability.includes(r) && rule.confirmed.credibility.includes(c)) return 2;
  if (rule.probable.reliability.includes(r) && rule.probable.credibility.includes(c)) return 1;
  return 0;
}
