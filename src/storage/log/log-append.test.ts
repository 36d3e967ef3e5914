import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leafHash } from "../../integrity/merkle-hash.js";
import { canonicalJson } from "../records/canonical-json.js";
import { LOG_ACTIONS, leafRows, type LeafData, type LogEntry } from "./log-append.js";

const NOW = "2026-01-02T03:04:05.000Z";

describe("leafRows", () => {
  it("writes each leaf as the canonical JSON of its LeafData, hashed, numbered from `first`", () => {
    const entry = fc.record(
      {
        action: fc.constantFrom(...LOG_ACTIONS),
        table: fc.constantFrom("incidents", "actors", "sources", "cases"),
        key: fc.record({ case_id: fc.string(), id: fc.string() }),
        actor: fc.string(),
        at: fc.constant("2025-05-05T00:00:00.000Z"),
        note: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
      },
      { requiredKeys: ["action", "table", "key"] },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 5 }), fc.nat(1000), (entries: LogEntry[], first) => {
        const hashes = new Map<string, Map<string, string>>();
        for (const e of entries) {
          const m = hashes.get(e.table) ?? new Map<string, string>();
          m.set(canonicalJson(e.key), "ab".repeat(32));
          hashes.set(e.table, m);
        }
        const rows = leafRows(entries, hashes, first, NOW);
        expect(rows.map((r) => r.leaf_index)).toEqual(entries.map((_, i) => first + i));
        rows.forEach((r, i) => {
          const e = entries[i] as LogEntry;
          const data: LeafData = {
            v: 1,
            action: e.action,
            table: e.table,
            key: e.key,
            content: e.action === "delete" ? null : "ab".repeat(32),
            actor: e.actor ?? null,
            at: e.at ?? NOW,
            ...(e.note ? { note: e.note } : {}),
          };
          expect(r.leaf_data).toBe(canonicalJson(data));
          expect(r.leaf_hash).toBe(leafHash(Buffer.from(r.leaf_data, "utf8")).toString("base64"));
          expect(r.record_key).toBe(canonicalJson(e.key));
          expect(r.logged_at).toBe(data.at);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("refuses to log a written row without its content hash", () => {
    expect(() =>
      leafRows([{ action: "create", table: "incidents", key: { case_id: "c", id: "i" } }], new Map(), 0, NOW),
    ).toThrow(RangeError);
  });
});
