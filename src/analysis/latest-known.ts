/** The last day anything in a case became known: the natural "as of" for a report on the whole record. @module */
import { RECORD_KINDS, type CaseBundle } from "../domain/index.js";

/**
 * The latest `knownAt` of all records, or the end of the case's period when it is later (or the case is empty).
 * @example latestKnownAt(bundle) // "2019-07-17"
 */
export function latestKnownAt(bundle: CaseBundle): string {
  let latest = bundle.manifest.period.to;
  for (const kind of RECORD_KINDS) {
    for (const r of bundle.records[kind] as readonly { knownAt: string }[])
      if (r.knownAt > latest) latest = r.knownAt;
  }
  return latest;
}
