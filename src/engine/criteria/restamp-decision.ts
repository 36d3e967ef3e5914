/**
 * A level decision carried to a later day on which the evidence it was judged from is unchanged: what a
 * criterion counts, and which records it cites, depend only on the aggregates (see `CriteriaState.version`);
 * the day enters a decision only through each condition's window (`from` = the day − the window, `to` = the
 * day) and the reasons that print it. So the decision on the later day is this one with its windows and
 * reasons re-dated — equal, field for field and in the same key order, to judging the criteria afresh.
 * @module
 */
import { addDays, daysBetween } from "../../domain/index.js";
import type { ConditionFinding, CriterionFinding } from "./criterion-finding.js";
import { decisionReasons, type LevelDecision } from "./evaluate-criteria.js";

function restampCondition(c: ConditionFinding, date: string): ConditionFinding {
  if (c.window === undefined || c.window.to === date) return c;
  const span = daysBetween(c.window.from, c.window.to);
  return { ...c, window: { from: addDays(date, -span), to: date } };
}

function restampCriterion(f: CriterionFinding, date: string): CriterionFinding {
  return { ...f, conditions: f.conditions.map((c) => restampCondition(c, date)) };
}

/**
 * `decision`, judged on an earlier day from the same evidence, as judged on `date`.
 * @example restampDecision(decideLevel(plan, rule, s, state, day, "1994-01-10"), "1994-01-11")
 */
export function restampDecision(decision: LevelDecision, date: string): LevelDecision {
  const met = decision.met.map((f) => restampCriterion(f, date));
  const next = decision.next === null ? null : restampCriterion(decision.next, date);
  return { level: decision.level, met, next, reasons: decisionReasons(met, next) };
}
