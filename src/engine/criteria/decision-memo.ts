/**
 * Level decisions remembered per situation between assessed days. A situation's decision reads only the
 * aggregates of its own scope, its country's and the global one; while none of them has changed (their
 * versions in `CriteriaState` are the same), the criteria are not judged again. The level is measured alone (`decideLevelOnly`: no record cited, no reason
 * written); the full decision is judged only when asked for, and while the evidence stays unchanged it is
 * the remembered one re-dated (restamp-decision.ts). A replay over many days and
 * situations then judges criteria only where evidence arrived or lapsed.
 * @module
 */
import type { ConfidenceRule, RiskLevel } from "../rulebook.js";
import type { Situation } from "../situation.js";
import type { CriteriaPlan } from "./criteria-plan.js";
import type { CriteriaState } from "./criteria-state.js";
import { conditionScopes, decideLevel, decideLevelOnly, type LevelDecision } from "./evaluate-criteria.js";
import { restampDecision } from "./restamp-decision.js";

interface Entry {
  /** The versions of the scopes read, in the order of `conditionScopes(situation, "any")`. */
  readonly versions: readonly number[];
  readonly level: RiskLevel;
  /** The full decision, once asked for, and the day it is dated. */
  decision?: LevelDecision;
  date?: string;
}

export class DecisionMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly plan: CriteriaPlan,
    private readonly rule: ConfidenceRule,
    private readonly state: CriteriaState,
  ) {}

  /** The level of `situation` on the day the state is advanced to. */
  level(situation: Situation): RiskLevel {
    return this.entry(situation).level;
  }

  /** The whole decision on `date`, equal to `decideLevel` on the state as it stands. */
  decision(situation: Situation, day: number, date: string): LevelDecision {
    const e = this.entry(situation);
    if (e.decision === undefined) {
      e.decision = decideLevel(this.plan, this.rule, situation, this.state, day, date);
      // The level alone and the full decision read the same measures: they cannot disagree.
      if (e.decision.level !== e.level)
        throw new Error(
          `DecisionMemo: ${situation.id} on ${date}: the level alone (${e.level}) differs from the decision (${e.decision.level})`,
        );
    } else if (e.date !== date) e.decision = restampDecision(e.decision, date);
    e.date = date;
    return e.decision;
  }

  private entry(situation: Situation): Entry {
    // Every scope a condition may read: its own, its country's, the global one.
    const versions = conditionScopes(situation, "any").map((s) => this.state.version(s));
    const seen = this.entries.get(situation.id);
    if (seen && versions.every((v, i) => v === seen.versions[i])) return seen;
    const level = decideLevelOnly(this.plan, this.rule, situation, this.state);
    const e: Entry = { versions, level };
    this.entries.set(situation.id, e);
    return e;
  }
}
