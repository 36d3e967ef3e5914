/**
 * The order records are fed to the engine — known day, then kind (sources before what cites them), then id — and
 * the incidents whose scopes the extractor must remember for the reports that cover them.
 * @module
 */
import { RECORD_KINDS, type CaseBundle, type RecordKind } from "../domain/index.js";

const KIND_ORDER = new Map<string, number>(RECORD_KINDS.map((k, i) => [k, i]));

/** The order records are fed to the engine: known day, then kind (sources before what cites them), then id. */
export function compareFeedOrder(
  a: { readonly kind: RecordKind; readonly record: { readonly knownAt: string; readonly id: string } },
  b: { readonly kind: RecordKind; readonly record: { readonly knownAt: string; readonly id: string } },
): number {
  const ka = a.record.knownAt;
  const kb = b.record.knownAt;
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ra = KIND_ORDER.get(a.kind) ?? 0;
  const rb = KIND_ORDER.get(b.kind) ?? 0;
  if (ra !== rb) return ra - rb;
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

/** Every record of a bundle as (kind, record), in the feed order. */
export function feedOrder(
  bundle: CaseBundle,
): { kind: RecordKind; record: { knownAt: string; id: string } }[] {
  const all: { kind: RecordKind; record: { knownAt: string; id: string } }[] = [];
  for (const kind of RECORD_KINDS) for (const record of bundle.records[kind]) all.push({ kind, record });
  return all.sort(compareFeedOrder);
}

/** The incidents some report covers (the extractor remembers only their scopes). */
export function coveredIncidentsOf(bundle: CaseBundle): ReadonlySet<string> {
  return new Set(bundle.records.report.flatMap((r) => r.coversIncidents ?? []));
}
