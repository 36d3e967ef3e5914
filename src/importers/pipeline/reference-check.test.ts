// The citation rule shared by the strict dry pass and the writing pass.
import { describe, expect, it } from "vitest";
import type { Incident, Source } from "../../domain/index.js";
import { ReferenceCheck } from "./reference-check.js";
import type { ScannedRow } from "./scan-rows.js";

const when = { from: "2020-01-01", to: "2020-01-01", precision: "day" } as const;

function row(line: number, kind: "incident" | "source", id: string, cites: string[]): ScannedRow {
  const base = {
    id,
    occurredAt: when,
    knownAt: "2020-01-02",
    citations: cites.map((source) => ({ source, locator: "p" })),
  };
  const record =
    kind === "source"
      ? {
          kind,
          value: {
            ...base,
            kind: "report",
            title: id,
            reliability: "B",
            credibility: 2,
            confidential: false,
          } as Source,
        }
      : {
          kind,
          value: {
            ...base,
            summary: id,
            acts: ["killing"],
            place: { country: "RWA" },
          } as unknown as Incident,
        };
  return {
    line,
    raw: id,
    rowHash: id,
    result: {
      kind: "record",
      providerId: id,
      version: "1",
      record,
      actors: [],
    } as unknown as ScannedRow["result"],
  };
}

const reasons = (r: ScannedRow): string[] =>
  r.result.kind === "reject" ? r.result.problems.map((p) => p.reason) : [];

describe("ReferenceCheck", () => {
  it("accepts the file's source, stored sources, earlier sources of the file and a source citing itself", async () => {
    const asked: string[][] = [];
    const cc = new ReferenceCheck("case-x", "file-src", async (ids) => {
      asked.push([...ids]);
      return new Set(ids.filter((i) => i === "stored"));
    });
    const batch1 = [
      row(2, "incident", "i1", ["file-src"]),
      row(3, "incident", "i2", ["stored"]),
      row(4, "source", "early", ["early"]),
      row(5, "incident", "i3", ["early"]),
    ];
    await cc.prepare(batch1);
    expect(batch1.map((r) => cc.check(r).result.kind)).toEqual(["record", "record", "record", "record"]);
    // Looked up once per batch; known ids are not asked again.
    const batch2 = [row(6, "incident", "i4", ["early", "stored"]), row(7, "incident", "i5", ["missing"])];
    await cc.prepare(batch2);
    expect(asked).toEqual([["stored", "early"], ["missing"]]);
    expect(cc.check(batch2[0] as ScannedRow).result.kind).toBe("record");
    expect(reasons(cc.check(batch2[1] as ScannedRow))).toEqual([
      'cites source "missing", which is not in case case-x',
    ]);
  });

  it("rejects a citation of a source defined later, and an incident citing its own id", async () => {
    const cc = new ReferenceCheck("case-x", "file-src", async () => new Set());
    const rows = [
      row(2, "incident", "i1", ["later"]),
      row(3, "source", "later", []),
      row(4, "incident", "i2", ["i2"]),
    ];
    await cc.prepare(rows);
    expect(rows.map((r) => cc.check(r).result.kind)).toEqual(["reject", "record", "reject"]);
  });

  it("rejects an actor reference to neither a stored actor nor an actor written earlier in the run", async () => {
    const asked: string[][] = [];
    const cc = new ReferenceCheck(
      "case-x",
      "file-src",
      async () => new Set(),
      async (ids) => {
        asked.push([...ids]);
        return new Set(ids.filter((i) => i === "stored-actor"));
      },
    );
    const withRefs = (r: ScannedRow, ids: string[]): ScannedRow => ({
      ...r,
      result: {
        ...(r.result as Extract<ScannedRow["result"], { kind: "record" }>),
        refs: ids.map((id, i) => ({ field: `perpetrators.${i}`, kind: "actor" as const, id })),
      },
    });
    const actor = {
      ...row(2, "incident", "a1", ["file-src"]),
      result: {
        kind: "record",
        providerId: "actor:a1",
        version: "1",
        record: { kind: "actor", value: { id: "a1", citations: [] } },
        actors: [],
      } as unknown as ScannedRow["result"],
    };
    const rows = [
      withRefs(row(3, "incident", "i1", ["file-src"]), ["stored-actor", "a1"]),
      actor,
      withRefs(row(4, "incident", "i2", ["file-src"]), ["stored-actor", "a1"]),
      withRefs(row(5, "incident", "i3", ["file-src"]), ["nobody"]),
    ];
    await cc.prepare(rows);
    const checked = rows.map((r) => cc.check(r));
    expect(checked.map((r) => r.result.kind)).toEqual(["reject", "record", "record", "reject"]);
    expect(checked[0]?.result).toEqual({
      kind: "reject",
      problems: [
        { field: "perpetrators.1", reason: 'names actor "a1", which is not in the file or in case case-x' },
      ],
    });
    expect(reasons(checked[3] as ScannedRow)).toEqual([
      'names actor "nobody", which is not in the file or in case case-x',
    ]);
    expect(asked).toEqual([["stored-actor", "a1", "nobody"]]);
  });
});
