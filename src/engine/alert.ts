/**
 * Alerts: a change of level, explained, with its evidence, the playbook's recommended actions and the
 * duty-bearers to notify (chosen by role, never by name). An alert becomes a warning in the ledger.
 * @module
 */
import {
  addDays,
  rolesOn,
  type Actor,
  type ActionKind,
  type Citation,
  type Warning,
} from "../domain/index.js";
import type { Assessment, FactorScore, Situation } from "./assessment.js";
import type { CriterionFinding } from "./criteria/evaluate-criteria.js";
import { levelRank, type ConfidenceTier, type RiskLevel, type ValidRulebook } from "./rulebook.js";

/** A record cited by an alert, with the criteria and indicators it supports. Sources appear by id only. */
export interface AlertEvidence {
  readonly record: string;
  readonly kind: string;
  readonly knownAt: string;
  /** The met criteria's conditions it meets, as `criterion/condition`. */
  readonly criteria?: readonly string[];
  readonly indicators: readonly string[];
  readonly grade?: string;
  readonly citations: readonly Citation[];
  /** What the evidence is when it is not a stored record (`kind: "series"`: a surge; no record page). */
  readonly summary?: string;
}

export interface RecommendedAction {
  readonly kind: ActionKind;
  readonly description: string;
  readonly dueAt: string;
}

export interface Alert {
  readonly date: string;
  readonly situation: Situation;
  readonly level: RiskLevel;
  readonly previousLevel: RiskLevel;
  readonly score: number;
  readonly factors: readonly FactorScore[];
  readonly evidence: readonly AlertEvidence[];
  readonly recommendedActions: readonly RecommendedAction[];
  /** Ids of actors known on `date` holding a role the playbook notifies for this level. */
  readonly dutyBearers: readonly string[];
  readonly reasons: readonly string[];
  /**
   * With a rulebook of level criteria: the criteria met at the new level (each condition with the records that
   * meet it and their confidence), and the confidence of the leading one.
   */
  readonly criteria?: readonly CriterionFinding[];
  readonly confidence?: ConfidenceTier | null;
}

/** The actor id engine alerts are sent from. */
export const ENGINE_SENDER = "tocsin-engine";

/**
 * Duty-bearers for a level: actors known on `date` with a role the playbook lists, in the playbook's role order.
 * An actor that is also a perpetrator is never notified (it could endanger sources).
 */
export function dutyBearersFor(
  rulebook: ValidRulebook,
  level: RiskLevel,
  actors: readonly Actor[],
  date: string,
): string[] {
  const entry = rulebook.playbook.find((p) => p.level === level);
  if (!entry) return [];
  const known = actors.filter((a) => a.knownAt <= date && !rolesOn(a, date).includes("perpetrator"));
  const out: string[] = [];
  for (const role of entry.notifyRoles) {
    const ids = known
      .filter((a) => (rolesOn(a, date) as readonly string[]).includes(role))
      .map((a) => a.id)
      .sort();
    for (const id of ids) if (!out.includes(id)) out.push(id);
  }
  return out;
}

function evidenceOf(a: Assessment): AlertEvidence[] {
  const byRecord = new Map<string, { e: AlertEvidence; indicators: string[]; criteria?: string[] }>();
  // The records that meet the level's criteria come first: they are why the level is what it is.
  for (const cr of a.criteria?.met ?? [])
    for (const c of cr.conditions)
      for (const r of c.records) {
        const tag = `${cr.id}/${c.id}`;
        const seen = byRecord.get(r.record);
        if (seen) {
          if (!seen.criteria?.includes(tag)) (seen.criteria ??= []).push(tag);
          continue;
        }
        const indicators: string[] = [];
        const criteria = [tag];
        byRecord.set(r.record, {
          indicators,
          criteria,
          e: {
            record: r.record,
            kind: r.kind,
            knownAt: r.knownAt,
            criteria,
            indicators,
            ...(r.grade === undefined ? {} : { grade: r.grade }),
            citations: r.citations,
            ...(r.summary === undefined ? {} : { summary: r.summary }),
          },
        });
      }
  for (const f of a.indicators) {
    for (const e of f.evidence) {
      const seen = byRecord.get(e.record);
      if (seen) {
        if (!seen.indicators.includes(f.indicator)) seen.indicators.push(f.indicator);
        continue;
      }
      const indicators = [f.indicator];
      byRecord.set(e.record, {
        indicators,
        e: {
          record: e.record,
          kind: e.kind,
          knownAt: e.knownAt,
          indicators,
          ...(e.grade === undefined ? {} : { grade: e.grade }),
          citations: e.citations,
          ...(e.summary === undefined ? {} : { summary: e.summary }),
        },
      });
    }
  }
  // What meets the criteria comes first, then what is new since the last assessment: it is what changed the level.
  const fresh = new Set(a.changes.newEvidence);
  const all = [...byRecord.values()].map(({ e, indicators, criteria }) => ({
    ...e,
    indicators: [...indicators],
    ...(criteria ? { criteria: [...criteria] } : {}),
  }));
  const rank = (e: AlertEvidence): number => (e.criteria ? 0 : fresh.has(e.record) ? 1 : 2);
  return all
    .map((e, i) => ({ e, i }))
    .sort((x, y) => rank(x.e) - rank(y.e) || x.i - y.i)
    .map((x) => x.e);
}

/**
 * The alert for a change of level between two assessments of one situation.
 * @example alertFor(rulebook, current, "high", bundle.records.actor)
 */
export function alertFor(
  rulebook: ValidRulebook,
  current: Assessment,
  previousLevel: RiskLevel,
  actors: readonly Actor[],
): Alert {
  const entry = rulebook.playbook.find((p) => p.level === current.level);
  const direction = levelRank(current.level) > levelRank(previousLevel) ? "rose" : "fell";
  const added = current.changes.indicatorsAdded;
  const evidence = evidenceOf(current);
  // A surge has no record page: the alert says what it is.
  const surges = evidence.filter((e) => e.summary !== undefined).map((e) => `event surge: ${e.summary}`);
  return {
    date: current.asOf,
    situation: current.situation,
    level: current.level,
    previousLevel,
    score: current.score,
    factors: [...current.factors].sort((a, b) => b.score - a.score || (a.factor < b.factor ? -1 : 1)),
    evidence,
    recommendedActions: (entry?.actions ?? []).map((x) => ({
      kind: x.kind as ActionKind,
      description: x.description,
      dueAt: addDays(current.asOf, x.dueInDays),
    })),
    dutyBearers: dutyBearersFor(rulebook, current.level, actors, current.asOf),
    reasons: [
      `level ${direction} from ${previousLevel} to ${current.level}`,
      ...current.reasons,
      ...(added.length > 0 ? [`new indicators: ${added.join(", ")}`] : []),
      ...surges,
      ...(current.stage ? [`escalation stage: ${current.stage.name} (${current.stage.index})`] : []),
    ],
    ...(current.criteria ? { criteria: current.criteria.met } : {}),
    ...(current.confidence !== undefined ? { confidence: current.confidence } : {}),
  };
}

/** A stable record id for an alert (lower-case, as case ids are). */
export function alertId(alert: Alert): string {
  // A country's or region's civilians ("XAA/*", "XAA/*/region") never collide with a group's id.
  const situation = alert.situation.id
    .replace(/\/\*(?=\/|$)/g, "/civilians")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/-+$/, "");
  return `alert-${situation}-${alert.date}-${alert.level}`;
}

/**
 * The alert as a warning in the ledger (`origin: "engine"`), asking the duty-bearers for the playbook's actions.
 * @example ledger.push(alertToWarning(alert))
 */
export function alertToWarning(alert: Alert): Warning {
  const id = alertId(alert);
  const citations = new Map<string, Citation>();
  for (const e of alert.evidence)
    for (const c of e.citations) citations.set(`${c.source}\u0000${c.locator}`, c);
  const where = alert.situation.groupName ?? alert.situation.group ?? "civilians";
  return {
    id,
    occurredAt: { from: alert.date, to: alert.date, precision: "day" },
    knownAt: alert.date,
    citations: [...citations.values()],
    sender: ENGINE_SENDER,
    recipients: alert.dutyBearers,
    channel: "alert",
    summary: `Risk of atrocity crimes against ${where} in ${alert.situation.country} ${levelRank(alert.level) > levelRank(alert.previousLevel) ? "rose" : "fell"} to ${alert.level} (was ${alert.previousLevel}); score ${alert.score}.`,
    ...(alert.situation.group === undefined ? {} : { targetGroup: alert.situation.group }),
    country: alert.situation.country,
    requestedActions: alert.recommendedActions.map((a, i) => ({
      id: `${id}-a${i + 1}`,
      kind: a.kind,
      description: a.description,
      dueAt: a.dueAt,
    })),
    // Only stored records: a series surge is not one (its sources are cited above).
    evidence: alert.evidence.filter((e) => e.kind !== "series").map((e) => e.record),
    origin: "engine",
  };
}
