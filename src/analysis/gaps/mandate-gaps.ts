/**
 * Mandate gaps: each mandate in force while the risk level was `high` or above, and whether its tasks
 * include protecting civilians.
 * @module
 */
import { minDay, protectsCivilians, type Mandate } from "../../domain/index.js";
import { dayOf } from "../evidence.js";
import { overlapAtLevel, type LevelOverlap, type LevelSpan, type RiskLevel } from "../level-span.js";

export interface MandateGap {
  readonly mandate: string;
  readonly mission: string;
  readonly body: string;
  readonly resolution?: string;
  readonly legalBasis: Mandate["legalBasis"];
  readonly inForce: { readonly from: string; readonly to: string };
  /** When the mandate was in force at `high` or above (undefined: never, by the as-of day). */
  readonly atRisk?: LevelOverlap;
  /** Null when the record says its tasks are not known (`tasksKnown: false`). */
  readonly protectsCivilians: boolean | null;
  readonly taskCategories: readonly string[];
  /**
   * In force at high risk or above without a task to protect civilians. Null ("undetermined") when the tasks are
   * not known but the mandate was in force at high risk or above: unknown tasks are not evidence of a gap.
   */
  readonly gap: boolean | null;
}

/** The lowest level at which a mandate without protection of civilians counts as a gap. */
export const MANDATE_GAP_LEVEL: RiskLevel = "high";

/**
 * Every mandate adopted by the as-of day, with its risk overlap and whether it protects civilians.
 * @example mandateGaps(mandates, spans, "1994-12-31").filter((g) => g.gap)
 */
export function mandateGaps(
  mandates: readonly Mandate[],
  spans: readonly LevelSpan[],
  asOf: string,
): MandateGap[] {
  return mandates
    .filter((m) => dayOf(m) <= asOf)
    .map((m): MandateGap => {
      const inForce = { from: dayOf(m), to: minDay(m.endedAt ?? asOf, asOf) };
      const atRisk = overlapAtLevel(inForce, spans, MANDATE_GAP_LEVEL, asOf, m.country);
      const protects = m.tasksKnown === false && !protectsCivilians(m) ? null : protectsCivilians(m);
      return {
        mandate: m.id,
        mission: m.mission,
        body: m.body,
        ...(m.resolution === undefined ? {} : { resolution: m.resolution }),
        legalBasis: m.legalBasis,
        inForce,
        ...(atRisk ? { atRisk } : {}),
        protectsCivilians: protects,
        taskCategories: [...new Set(m.tasks.map((t) => t.category))],
        gap: atRisk === undefined ? false : protects === null ? null : !protects,
      };
    })
    .sort((a, b) => a.inForce.from.localeCompare(b.inForce.from) || a.mandate.localeCompare(b.mandate));
}
