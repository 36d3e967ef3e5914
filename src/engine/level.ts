/**
 * The level rule: the highest level whose score threshold and structural conditions (signals present, a current
 * toll) all hold, with the reasons for it and for not being one level higher.
 * @module
 */
import type { IndicatorFinding } from "./assessment.js";
import type { TollEntry } from "./toll-entry.js";
import { signalsById } from "./rulebook-index.js";
import {
  RULED_LEVELS,
  type LevelRule,
  type RiskLevel,
  type RuledLevel,
  type ValidRulebook,
} from "./rulebook.js";

interface Verdict {
  readonly ok: boolean;
  readonly met: readonly string[];
  readonly unmet: readonly string[];
}

/** Fatalities of distinct records carrying one of `signals` whose event ended within `withinDays` of `day`. */
export function currentToll(
  tolls: readonly TollEntry[],
  indicatorSignals: ReadonlyMap<string, readonly string[]>,
  signals: readonly string[],
  withinDays: number,
  day: number,
): { fatalities: number; records: string[] } {
  const seen = new Map<string, number>();
  for (const t of tolls) {
    if (t.day < day - withinDays || t.day > day) continue;
    if (!(indicatorSignals.get(t.indicator) ?? []).some((s) => signals.includes(s))) continue;
    seen.set(t.record, t.fatalities);
  }
  let fatalities = 0;
  for (const f of seen.values()) fatalities += f;
  return { fatalities, records: [...seen.keys()].sort() };
}

function judge(
  rule: LevelRule,
  total: number,
  findings: readonly IndicatorFinding[],
  tolls: readonly TollEntry[],
  day: number,
  signalsOf: ReadonlyMap<string, readonly string[]>,
): Verdict {
  const met: string[] = [];
  const unmet: string[] = [];
  const shown =
    total < rule.minScore && total.toFixed(2) === rule.minScore.toFixed(2)
      ? total.toFixed(4)
      : total.toFixed(2);
  const score = `score ${shown} ${total >= rule.minScore ? "≥" : "<"} ${rule.minScore}`;
  (total >= rule.minScore ? met : unmet).push(score);
  for (const req of rule.requires) {
    const ids = findings
      .filter((f) => f.signals.some((s) => req.signals.includes(s)))
      .map((f) => f.indicator);
    const text = `${req.signals.join(" or ")}: ${ids.length} indicator(s) present${ids.length > 0 ? ` (${ids.join(", ")})` : ""}, needs ${req.minIndicators}`;
    (ids.length >= req.minIndicators ? met : unmet).push(text);
  }
  if (rule.current) {
    const c = rule.current;
    const toll = currentToll(tolls, signalsOf, c.signals, c.withinDays, day);
    const needs =
      c.minFatalities > 0
        ? `${c.minRecords} record(s) and ${c.minFatalities} deaths`
        : `${c.minRecords} record(s)`;
    const text = `${c.signals.join(" or ")} in the last ${c.withinDays} days: ${toll.records.length} record(s)${toll.records.length > 0 ? ` (${toll.records.join(", ")})` : ""}, ${toll.fatalities} deaths known; needs ${needs}`;
    (toll.fatalities >= c.minFatalities && toll.records.length >= c.minRecords ? met : unmet).push(text);
  }
  return { ok: unmet.length === 0, met, unmet };
}

/**
 * Decide the level of a situation. Rules are tried from `ongoing` down; the first whose conditions all hold wins.
 * @returns the level and human-readable reasons (conditions met, then what the next level up lacks).
 */
export function evaluateLevel(
  rulebook: ValidRulebook,
  total: number,
  findings: readonly IndicatorFinding[],
  tolls: readonly TollEntry[],
  day: number,
): { level: RiskLevel; reasons: string[] } {
  const signalsOf = signalsById(rulebook);
  let blocked: { level: RiskLevel; unmet: readonly string[] } | undefined;
  for (let l = RULED_LEVELS.length - 1; l >= 0; l -= 1) {
    const level = RULED_LEVELS[l] as RuledLevel;
    const rules = rulebook.plan.levelRules.filter((r) => r.level === level);
    const verdicts = rules.map((rule) => ({ rule, v: judge(rule, total, findings, tolls, day, signalsOf) }));
    const won = verdicts.find((x) => x.v.ok);
    if (won) {
      const reasons = [`${level} (rule ${won.rule.id}): ${won.v.met.join("; ")}`];
      if (blocked) reasons.push(`not ${blocked.level}: ${blocked.unmet.join("; ")}`);
      return { level, reasons };
    }
    // The reason kept for a level not reached is its first rule's (the main one; others are alternatives).
    if (verdicts[0]) blocked = { level, unmet: verdicts[0].v.unmet };
  }
  return { level: "none", reasons: blocked ? [`not ${blocked.level}: ${blocked.unmet.join("; ")}`] : [] };
}
