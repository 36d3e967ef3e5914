/**
 * All the evidence of a bundle at once (tests, benchmarks and tools): the streaming extractor run over the whole
 * case in the feed order.
 * @module
 */
import type { CaseBundle } from "../domain/index.js";
import type { EvidenceItem, Fact } from "./evidence.js";
import { EvidenceExtractor, type ExtractorOptions } from "./evidence-extractor.js";
import { coveredIncidentsOf, feedOrder } from "./feed-order.js";
import type { ValidRulebook } from "./rulebook.js";

/**
 * Every piece of indicator evidence and every fact of a bundle, in the global order: the day it became usable,
 * then its record (by kind and id), then emission order; series surges after the records known the same day.
 * Runs in O(records × mappings) plus sorting the records once.
 * @example extractEvidence(asOf(bundle, "1993-03-31"), rulebook).items.filter((e) => e.indicator === "7.4")
 */
export function extractEvidence(
  bundle: CaseBundle,
  rulebook: ValidRulebook,
  options: ExtractorOptions = {},
): { items: EvidenceItem[]; facts: Fact[]; notices: string[] } {
  const items: EvidenceItem[] = [];
  const facts: Fact[] = [];
  const extractor = new EvidenceExtractor(rulebook, {
    ...options,
    coveredIncidents: options.coveredIncidents ?? coveredIncidentsOf(bundle),
  });
  const sink = {
    item: (x: EvidenceItem) => {
      x.seq = items.length;
      items.push(x);
    },
    fact: (x: Fact) => {
      x.seq = facts.length;
      facts.push(x);
    },
  };
  for (const { kind, record } of feedOrder(bundle)) extractor.push(kind, record as never, sink);
  extractor.flush(sink);
  return { items, facts, notices: extractor.notices() };
}
