/**
 * Decision-to-deployment delays of mandates, and reductions or withdrawals made while atrocities were ongoing.
 * @module
 */
import { daysBetween, type Actor, type Capability, type Mandate, type Response } from "../../domain/index.js";
import { dayOf } from "../evidence.js";
import { levelRank, type LevelSpan, type RiskLevel } from "../level-span.js";

export interface DeploymentDelay {
  readonly mandate: string;
  readonly mission: string;
  /** The mission's name from the actors of the case (its id when it is not among them). */
  readonly missionName: string;
  readonly decidedAt: string;
  readonly deployedAt: string;
  readonly days: number;
  /** The highest level on the day of the decision, if the timeline covers it. */
  readonly levelAtDecision?: RiskLevel;
}

/** The highest level held on `day` across spans (undefined when no span covers it). */
export function levelOn(spans: readonly LevelSpan[], day: string, country?: string): RiskLevel | undefined {
  let best: RiskLevel | undefined;
  for (const s of spans) {
    if (s.from > day || (s.to !== undefined && s.to < day)) continue;
    if (country !== undefined && s.country !== undefined && s.country !== country) continue;
    if (best === undefined || levelRank(s.level) > levelRank(best)) best = s.level;
  }
  return best;
}

/**
 * Delays from adoption to deployment for mandates whose deployment began by the as-of day.
 * @example deploymentDelays([m], spans, "1994-12-31")[0].days // 22
 */
export function deploymentDelays(
  mandates: readonly Mandate[],
  spans: readonly LevelSpan[],
  asOf: string,
  actors: readonly Actor[] = [],
): DeploymentDelay[] {
  return mandates
    .filter((m) => m.deployedAt !== undefined && m.deployedAt <= asOf)
    .map((m): DeploymentDelay => {
      const decidedAt = dayOf(m);
      const deployedAt = m.deployedAt ?? decidedAt;
      const level = levelOn(spans, decidedAt, m.country);
      return {
        mandate: m.id,
        mission: m.mission,
        missionName: actors.find((a) => a.id === m.mission)?.name ?? m.mission,
        decidedAt,
        deployedAt,
        days: daysBetween(decidedAt, deployedAt),
        ...(level === undefined ? {} : { levelAtDecision: level }),
      };
    })
    .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
}

/** A response or force that reduced protection while the level was `ongoing`. */
export interface Drawdown {
  readonly record: string;
  readonly kind: "response" | "capability";
  readonly actor: string;
  readonly what: string;
  readonly at: string;
  readonly summary: string;
}

const DRAWDOWN_RESPONSES: readonly Response["kind"][] = ["reduction", "withdrawal", "evacuation-only"];

/**
 * Reductions, withdrawals and evacuation-only operations that happened while the level was `ongoing`.
 * @example drawdowns(responses, capabilities, spans, "1994-07-31").map((d) => d.what) // ["reduction", …]
 */
export function drawdowns(
  responses: readonly Response[],
  capabilities: readonly Capability[],
  spans: readonly LevelSpan[],
  asOf: string,
): Drawdown[] {
  const ongoing = (day: string, country?: string) => levelOn(spans, day, country) === "ongoing";
  const out: Drawdown[] = [];
  for (const r of responses) {
    const at = dayOf(r);
    if (at <= asOf && DRAWDOWN_RESPONSES.includes(r.kind) && ongoing(at, r.country)) {
      out.push({ record: r.id, kind: "response", actor: r.actor, what: r.kind, at, summary: r.summary });
    }
  }
  for (const c of capabilities) {
    const at = c.occurredAt.from;
    if (at <= asOf && c.tasking === "withdrawn" && !c.hypothetical && ongoing(at, c.country)) {
      out.push({
        record: c.id,
        kind: "capability",
        actor: c.owner ?? c.force,
        what: "withdrawn",
        at,
        summary: c.summary,
      });
    }
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.record.localeCompare(b.record));
}
