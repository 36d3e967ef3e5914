/**
 * Citations as a report shows them: a public source by id, title and locator; a confidential source only by
 * its id and the label "Protected source" — nothing that could identify it leaves the analysis.
 * @module
 */
import { PROTECTED_SOURCE_LABEL, type CaseBundle, type Citation, type RecordBase } from "../domain/index.js";

/** A citation ready to print. `locator` and `title` are absent for a protected source. */
export interface CitationView {
  readonly source: string;
  readonly label: string;
  readonly locator?: string;
  readonly protected: boolean;
}

/** Every record of a bundle by id (ids are unique within a case). */
export function indexRecords(bundle: CaseBundle): ReadonlyMap<string, RecordBase> {
  const map = new Map<string, RecordBase>();
  for (const list of Object.values(bundle.records) as (readonly RecordBase[])[]) {
    for (const r of list) map.set(r.id, r);
  }
  return map;
}

/** The printable view of one citation. An unknown source is shown by id with the label "Unknown source". */
export function citationView(bundle: CaseBundle, c: Citation): CitationView {
  const source = bundle.records.source.find((s) => s.id === c.source);
  if (source?.confidential) return { source: c.source, label: PROTECTED_SOURCE_LABEL, protected: true };
  const label = source?.title ?? "Unknown source";
  return c.locator === ""
    ? { source: c.source, label, protected: false }
    : { source: c.source, label, locator: c.locator, protected: false };
}

/**
 * The citations of the given records, deduplicated (same source and locator), in first-seen order.
 * @example citationsOf(bundle, ["w-cable"]) // [{ source: "src-article", label: "…", locator: "¶3", protected: false }]
 */
export function citationsOf(bundle: CaseBundle, ids: readonly string[]): CitationView[] {
  const byId = indexRecords(bundle);
  const seen = new Set<string>();
  const out: CitationView[] = [];
  const sourceIds = new Set(bundle.records.source.map((s) => s.id));
  for (const id of ids) {
    // A source given as evidence is cited itself (a confidential one only by id and label).
    const own = sourceIds.has(id) ? [{ source: id, locator: "" }] : [];
    for (const c of [...own, ...(byId.get(id)?.citations ?? [])]) {
      const v = citationView(bundle, c);
      const key = `${v.source}\u0000${v.locator ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/** The day a record happened, as the analyses count it: the first day of its span. */
export function dayOf(r: RecordBase): string {
  return r.occurredAt.from;
}
