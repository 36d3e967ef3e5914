/**
 * Live levels: the alerts one assessment "as of now" raises against the levels last recorded for each
 * situation. Pure: the caller reads the stored levels and the clock, and stores what this returns.
 * @module
 */
import type { Actor } from "../domain/index.js";
import { alertFor, type Alert } from "./alert.js";
import type { Assessment } from "./assessment.js";
import type { RiskLevel, ValidRulebook } from "./rulebook.js";

/**
 * One alert per situation whose assessed level differs from its last recorded level (`none` when never
 * recorded), in the assessments' order.
 * @example levelChanges(assess(bundle, rb, "2031-05-01"), new Map([["XAA/g1", "low"]]), rb, bundle.records.actor)
 */
export function levelChanges(
  assessments: readonly Assessment[],
  lastLevels: ReadonlyMap<string, RiskLevel>,
  rulebook: ValidRulebook,
  actors: readonly Actor[],
): Alert[] {
  const out: Alert[] = [];
  for (const a of assessments) {
    const before = lastLevels.get(a.situation.id) ?? "none";
    if (a.level !== before) out.push(alertFor(rulebook, a, before, actors));
  }
  return out;
}
