/**
 * The assessment entry point: every situation of a case as known on a day, from the evidence known that day.
 * @module
 */
import { asOf, type CaseBundle } from "../domain/index.js";
import type { Assessment } from "./assessment.js";
import { EngineState } from "./engine-state.js";
import { extractEvidence } from "./evidence.js";
import type { ValidRulebook } from "./rulebook.js";

/**
 * The bundle without its `evaluation` block: the engine scores itself against it afterwards, so it must never
 * see it while assessing.
 */
export function withoutEvaluation(bundle: CaseBundle): CaseBundle {
  if (bundle.manifest.evaluation === undefined) return bundle;
  const { evaluation: _hidden, ...manifest } = bundle.manifest;
  return { manifest, records: bundle.records };
}

/**
 * Assess every situation (country + targeted group) on `day`, using only records with `knownAt` ≤ `day`.
 * Pure and deterministic: the same bundle, rulebook and day give deep-equal results. `previous` (earlier
 * assessments) only feeds the `changes` of each assessment.
 * Runs in O(n log n) over the records' evidence.
 * @example assess(bundle, rulebook, "1994-01-12").map((a) => [a.situation.id, a.level])
 */
export function assess(
  snapshot: CaseBundle,
  rulebook: ValidRulebook,
  day: string,
  previous: readonly Assessment[] = [],
): Assessment[] {
  const known = withoutEvaluation(asOf(snapshot, day));
  const state = new EngineState(rulebook);
  for (const g of known.records.group) state.addGroup(g);
  for (const item of extractEvidence(known, rulebook)) {
    // asOf already filtered; this guard keeps the rule local to the engine too.
    if (item.knownAt <= day) state.addEvidence(item);
  }
  return state.assessAt(day, previous);
}
