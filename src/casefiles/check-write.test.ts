import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseBundle, RecordKind, RecordOf } from "../domain/index.js";
import { checkCase } from "./check-case.js";
import { checkRecordWrite } from "./check-write.js";
import { readCaseFolder } from "./read-case-folder.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
let bundle: CaseBundle;

beforeAll(async () => {
  const r = await readCaseFolder(join(root, "test/fixtures/cases/synthetic-xv"));
  if (!r.ok) throw new Error("fixture invalid");
  bundle = r.bundle;
});

const incident = (over: Record<string, unknown> = {}) => ({
  id: "xv-inc-new",
  summary: "Militia members kill Essari villagers.",
  acts: ["massacre"],
  place: { country: "XVL" },
  perpetrators: ["xv-harvest-guard"],
  targetGroup: "essari",
  organised: "documented",
  stateInvolvement: "confirmed",
  occurredAt: "2022-02-01",
  knownAt: "2022-02-02",
  citations: [{ source: "src-xv-ngo-report", locator: "§9" }],
  ...over,
});

describe("checkCase on a case in memory", () => {
  it("finds nothing wrong in a parsed case read from a folder", () => {
    const records = Object.fromEntries(
      Object.entries(bundle.records).map(([k, list]) => [
        k,
        (list as readonly RecordOf<RecordKind>[]).map((parsed) => ({ parsed })),
      ]),
    );
    expect(checkCase({ manifest: { parsed: bundle.manifest }, records }).problems).toEqual([]);
  });

  it("reports a schema problem and every unknown reference of a raw record, without lines", () => {
    const check = checkCase({
      manifest: { parsed: bundle.manifest },
      records: {
        incident: [
          { raw: incident({ organised: "maybe", perpetrators: ["nobody"], knownAt: "2022-01-01" }) },
        ],
      },
    });
    // Only an incident: its actor, group and source are unknown, and so is the manifest's onset group.
    expect(check.problems.map((p) => [p.kind, p.index, p.problem.field, p.problem.line])).toEqual([
      ["incident", 0, "organised", undefined],
      ["incident", 0, "citations[0].source", undefined],
      ["incident", 0, "perpetrators[0]", undefined],
      ["incident", 0, "targetGroup", undefined],
      [undefined, undefined, "evaluation.onsetGroup", undefined],
    ]);
  });

  it("reports a missing manifest once and no side problems without it", () => {
    const check = checkCase({ manifest: "missing", records: {} });
    expect(check.problems.map((p) => p.problem)).toEqual([
      { file: "case.json", message: "missing: every case folder has a case.json manifest" },
    ]);
  });
});

describe("checkRecordWrite", () => {
  it("accepts a valid new incident and returns it parsed", () => {
    const r = checkRecordWrite(bundle, { kind: "incident", id: "xv-inc-new", raw: incident() });
    expect(r.problems).toEqual([]);
    expect(r.record?.occurredAt).toEqual({ from: "2022-02-01", to: "2022-02-01", precision: "day" });
  });

  it("lists every problem of the body by field path", () => {
    const r = checkRecordWrite(bundle, {
      kind: "incident",
      id: "xv-inc-new",
      raw: incident({ perpetrators: ["other-case-actor"], knownAt: "2022-01-20", citations: [] }),
    });
    expect(r.record).toBeUndefined();
    expect(r.problems).toEqual([
      { path: "citations", message: "every record cites at least one source" },
      { path: "perpetrators[0]", message: 'unknown actor (actors.json) "other-case-actor"' },
    ]);
    const dated = checkRecordWrite(bundle, {
      kind: "incident",
      id: "xv-inc-new",
      raw: incident({ knownAt: "2022-01-20" }),
    });
    expect(dated.problems).toEqual([
      {
        path: "knownAt",
        message:
          "knownAt 2022-01-20 is before the record's occurredAt starts (2022-02-01): a record of kind incident cannot be known before it happened",
      },
    ]);
  });

  it("refuses an id another kind of record of the case holds", () => {
    const r = checkRecordWrite(bundle, { kind: "incident", id: "essari", raw: incident({ id: "essari" }) });
    expect(r.problems.map((p) => p.message)).toEqual([
      'duplicate id "essari" (first used in groups.json); ids are unique within a case',
    ]);
  });

  it("replaces a stored record on update, so its own id is no duplicate", () => {
    const stored = bundle.records.incident[0];
    if (!stored) throw new Error("fixture has incidents");
    const r = checkRecordWrite(bundle, {
      kind: "incident",
      id: stored.id,
      raw: incident({ id: stored.id }),
    });
    expect(r.problems).toEqual([]);
  });

  it("names the other records a deletion would break", () => {
    const r = checkRecordWrite(bundle, { kind: "source", id: "src-xv-witness" });
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.message.includes('"src-xv-witness"'))).toBe(true);
    expect(r.problems.map((p) => p.record)).toContain("warnings/xv-warn-2021-10-05");
  });
});
