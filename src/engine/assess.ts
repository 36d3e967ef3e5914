/**
 * The assessment entry point: every situation of a case as known on a day, from the evidence known that day.
 * @module
 */
import { asOf, type CaseBundle, type Lexicon } from "../domain/index.js";
import type { Assessment } from "./assessment.js";
import { EngineState } from "./engine-state.js";
import { coveredIncidentsOf, feedOrder } from "./feed-order.js";
import { EvidenceExtractor } from "./evidence-extractor.js";
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

/** Options of {@link assess}. */
export interface AssessOptions {
  /** The naming lexicon, so statements are read. */
  readonly lexicon?: Lexicon;
}

/**
 * Assess every situation (country + targeted group, or civilians) on `day`, using only records with `knownAt` ≤
 * `day`. Pure and deterministic: the same bundle, rulebook and day give deep-equal results, and the same as a
 * replay's assessment of that day. `previous` (earlier assessments) only feeds the `changes` of each assessment.
 * Runs in O(n log n) over the records.
 * @example assess(bundle, rulebook, "1994-01-12").map((a) => [a.situation.id, a.level])
 */
export function assess(
  snapshot: CaseBundle,
  rulebook: ValidRulebook,
  day: string,
  previous: readonly Assessment[] = [],
  options: AssessOptions = {},
): Assessment[] {
  const known = withoutEvaluation(asOf(snapshot, day));
  const state = new EngineState(rulebook);
  const extractor = new EvidenceExtractor(rulebook, {
    coveredIncidents: coveredIncidentsOf(known),
    ...(options.lexicon ? { lexicon: options.lexicon } : {}),
  });
  let items = 0;
  let facts = 0;
  const sink = {
    item: (x: Parameters<EngineState["addEvidence"]>[0]) => {
      x.seq = items++;
      state.addEvidence(x);
    },
    fact: (x: Parameters<EngineState["addFact"]>[0]) => {
      x.seq = facts++;
      state.addFact(x);
    },
  };
  for (const { kind, record } of feedOrder(known)) {
    // asOf already filtered; this guard keeps the rule local to the engine too.
    if (record.knownAt > day) continue;
    if (kind === "group") state.addGroup(record as never);
    extractor.push(kind, record as never, sink);
  }
  extractor.flush(sink);
  return state.assessAt(day, previous);
}
