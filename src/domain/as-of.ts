/**
 * The "as of" view: only what was known on a day. This is the single gate that makes replays and backtests
 * honest — every analysis that runs "as of" a date takes its snapshot from here.
 * @module
 */
import type { CaseBundle, CaseRecords } from "./case.js";
import { RECORD_KINDS } from "./record.js";

/**
 * The records of a case whose `knownAt` is on or before `day`.
 * Runs in O(n) over all records.
 * @example asOf(bundle, "1994-01-12").records.warning.map((w) => w.id)
 */
export function asOf(bundle: CaseBundle, day: string): CaseBundle {
  const records: Record<string, unknown[]> = {};
  for (const kind of RECORD_KINDS) {
    records[kind] = (bundle.records[kind] as readonly { knownAt: string }[]).filter((r) => r.knownAt <= day);
  }
  return { manifest: bundle.manifest, records: records as unknown as CaseRecords };
}
