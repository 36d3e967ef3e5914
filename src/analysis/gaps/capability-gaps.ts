/**
 * Capability gaps: forces within reach and how they were tasked while the level was `imminent` or `ongoing`
 * (e.g. evacuation only), plus estimates of the force that would have been needed.
 * @module
 */
import { minDay, type Capability, type Tasking } from "../../domain/index.js";
import { overlapAtLevel, type LevelOverlap, type LevelSpan, type RiskLevel } from "../level-span.js";

export interface CapabilityGap {
  readonly capability: string;
  readonly force: string;
  readonly owner?: string;
  readonly size?: number;
  readonly sizeApproximate: boolean;
  readonly location: string;
  readonly timeToReachHours?: number;
  readonly tasking: Tasking;
  readonly period: { readonly from: string; readonly to: string };
  /** When the force was there while the level was `imminent` or above. */
  readonly atRisk?: LevelOverlap;
  /** An estimate of the force needed, not a force that existed. */
  readonly hypothetical: boolean;
  /** A real force present at imminent risk or above and not tasked to protect civilians. */
  readonly gap: boolean;
}

/** The lowest level at which a force not tasked to protect civilians counts as a gap. */
export const CAPABILITY_GAP_LEVEL: RiskLevel = "imminent";

/**
 * Every capability whose period began by the as-of day.
 * @example capabilityGaps(capabilities, spans, "1994-07-31").filter((g) => g.gap && g.tasking === "evacuation-only")
 */
export function capabilityGaps(
  capabilities: readonly Capability[],
  spans: readonly LevelSpan[],
  asOf: string,
): CapabilityGap[] {
  return capabilities
    .filter((c) => c.occurredAt.from <= asOf)
    .map((c): CapabilityGap => {
      const period = { from: c.occurredAt.from, to: minDay(c.occurredAt.to, asOf) };
      const atRisk = overlapAtLevel(period, spans, CAPABILITY_GAP_LEVEL, asOf, c.country);
      const hypothetical = c.hypothetical === true;
      return {
        capability: c.id,
        force: c.force,
        ...(c.owner === undefined ? {} : { owner: c.owner }),
        ...(c.size === undefined ? {} : { size: c.size }),
        sizeApproximate: c.sizeApproximate === true,
        location: c.location,
        ...(c.timeToReachHours === undefined ? {} : { timeToReachHours: c.timeToReachHours }),
        tasking: c.tasking,
        period,
        ...(atRisk ? { atRisk } : {}),
        hypothetical,
        gap: !hypothetical && atRisk !== undefined && c.tasking !== "protection-of-civilians",
      };
    })
    .sort((a, b) => a.period.from.localeCompare(b.period.from) || a.capability.localeCompare(b.capability));
}
