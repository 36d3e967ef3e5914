import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../records/canonical-json.js";
import { contentHash } from "./logged-content.js";

type Row = Record<string, unknown>;

/** The content hash as first defined (leaves already in stores were hashed this way): canonicalJson of the whole. */
function reference(table: string, row: Row, derived?: Record<string, Row[]>, kind?: string): string {
  if (derived === undefined || kind === undefined) return sha256Hex(canonicalJson({ row }));
  const sort = (rows: Row[]) =>
    rows
      .map((r) => [canonicalJson(r), r] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => r);
  return sha256Hex(
    canonicalJson({
      row,
      derived: {
        citations: sort(derived.citations ?? []),
        record_refs: sort(derived.record_refs ?? []),
        incident_acts: kind === "incident" ? sort(derived.incident_acts ?? []) : [],
        source_identities: kind === "source" ? sort(derived.source_identities ?? []) : [],
      },
    }),
  );
}

const value = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);
const row = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("case_id", "id", "seq", "1")), value, {
  maxKeys: 6,
});
const rows = fc.array(row, { maxLength: 4 });

describe("contentHash", () => {
  it("equals the hash of the canonical JSON of the row and its sorted derived rows", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(["incidents", "incident"], ["sources", "source"], ["actors", "actor"]),
        row,
        rows,
        rows,
        rows,
        rows,
        ([table, kind], r, citations, refs, acts, ids) => {
          const derived = {
            citations,
            record_refs: refs,
            incident_acts: acts,
            source_identities: ids,
          };
          expect(contentHash(table, r, derived)).toBe(reference(table, r, derived, kind));
          expect(contentHash(table, r)).toBe(reference(table, r));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("hashes a row of a table that is not a record table by the row alone", () => {
    expect(contentHash("cases", { id: "c1", title: "T" })).toBe(sha256Hex('{"row":{"id":"c1","title":"T"}}'));
  });
});
