import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readCaseFolder, type CaseProblem } from "./read-case-folder.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = join(root, "test/fixtures/cases");
const rwanda = join(root, "cases/rwanda-1990-1994");
const temps: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "tocsin-case-"));
  temps.push(d);
  return d;
}
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

async function problemsOf(dir: string): Promise<readonly CaseProblem[]> {
  const r = await readCaseFolder(dir);
  return r.ok ? [] : r.problems;
}

describe("readCaseFolder on the built-in and synthetic cases", () => {
  it("reads the Rwanda case with no problem", async () => {
    const r = await readCaseFolder(rwanda);
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (!r.ok) return;
    expect(r.bundle.manifest.id).toBe("rwanda-1990-1994");
    const cable = r.bundle.records.warning.find((w) => w.id === "warn-1994-01-11-cable");
    expect(cable?.sender).toBe("unamir-force-commander");
    expect(cable?.recipients).toEqual(["un-dpko"]);
    expect(cable?.requestedActions.map((a) => a.id)).toEqual([
      "ra-1994-01-11-protect-informant",
      "ra-1994-01-11-seize-arms",
    ]);
    const refusal = r.bundle.records.response.find((x) => x.warning === "warn-1994-01-11-cable");
    expect(refusal).toMatchObject({
      id: "resp-1994-01-12-dpko-refusal",
      kind: "refusal",
      refusalReason: "mandate",
    });
    expect(refusal?.occurredAt).toEqual({ from: "1994-01-12", to: "1994-01-12", precision: "day" });
    // The Claes letter has no response at all: the absence is computed, never written.
    expect(r.bundle.records.response.filter((x) => x.warning === "warn-1994-02-25-claes-letter")).toEqual([]);
    const informant = r.bundle.records.source.filter((s) => s.confidential);
    expect(informant.map((s) => s.id)).toEqual(["src-confidential-1994-01"]);
  });

  it("stores month and range precision honestly", async () => {
    const r = await readCaseFolder(rwanda);
    if (!r.ok) throw new Error("case invalid");
    const inc = new Map(r.bundle.records.incident.map((i) => [i.id, i]));
    expect(inc.get("inc-1991-01-massacres")?.occurredAt).toEqual({
      from: "1991-01-01",
      to: "1991-02-28",
      precision: "range",
    });
    expect(inc.get("inc-1992-03-massacres")?.occurredAt).toEqual({
      from: "1992-03-01",
      to: "1992-03-31",
      precision: "month",
    });
    // A month-precision knownAt means the month's last day: no look-ahead.
    expect(r.bundle.records.report.find((x) => x.id === "rep-1993-03-ngo-commission")?.knownAt).toBe(
      "1993-03-31",
    );
  });

  it("reads the synthetic case with no problem and lists its files with their hashes", async () => {
    const dir = join(fixtures, "synthetic-xv");
    const r = await readCaseFolder(dir);
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (!r.ok) return;
    expect(r.files.map((f) => f.path)).toEqual([
      "case.json",
      "actors.json",
      "groups.json",
      "sources.json",
      "incidents.json",
      "reports.json",
      "warnings.json",
      "responses.json",
      "commitments.json",
      "mandates.json",
      "capabilities.json",
      "statements.json",
      "tribunals.json",
      "tribunal-cases.json",
    ]);
    const manifest = await readFile(join(dir, "case.json"));
    expect(r.files[0]?.sha256).toBe(createHash("sha256").update(manifest).digest("hex"));
    expect(r.bundle.records.tribunalCase.map((t) => t.side)).toEqual(["council", "council", "nlm"]);
  });
});

describe("readCaseFolder on broken fixtures", () => {
  const cases: [string, CaseProblem[]][] = [
    [
      "broken-unknown-reference",
      [
        {
          file: "incidents.json",
          recordId: "inc-ghost",
          field: "perpetrators[1]",
          line: 35,
          message: 'unknown actor (actors.json) "ghost-militia"',
        },
      ],
    ],
    [
      "broken-bad-date",
      [
        {
          file: "incidents.json",
          recordId: "inc-bad-date",
          field: "occurredAt",
          line: 37,
          message: '"2000-02-30" is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)',
        },
      ],
    ],
    [
      "broken-missing-citation",
      [
        {
          file: "incidents.json",
          recordId: "inc-no-citation",
          field: "citations",
          line: 39,
          message: "every record cites at least one source",
        },
        {
          file: "incidents.json",
          recordId: "inc-unknown-source",
          field: "citations[0].source",
          line: 58,
          message: 'unknown source (sources.json) "src-missing"',
        },
      ],
    ],
    [
      "broken-duplicate-id",
      [
        {
          file: "actors.json",
          recordId: "gov-army",
          line: 17,
          message: 'duplicate id "gov-army" (first used in actors.json line 3); ids are unique within a case',
        },
        {
          file: "incidents.json",
          recordId: "grp",
          line: 25,
          message: 'duplicate id "grp" (first used in groups.json line 3); ids are unique within a case',
        },
      ],
    ],
    [
      "broken-invalid-grading",
      [
        {
          file: "sources.json",
          recordId: "src-bad",
          field: "reliability",
          line: 23,
          message: "reliability is a letter A–F (Admiralty scale)",
        },
        {
          file: "sources.json",
          recordId: "src-bad",
          field: "credibility",
          line: 24,
          message: "credibility is a number 1–6 (Admiralty scale)",
        },
      ],
    ],
    [
      "broken-known-before",
      [
        {
          file: "incidents.json",
          recordId: "inc-known-early",
          field: "knownAt",
          line: 38,
          message:
            "knownAt 2000-04-30 is before the record's occurredAt starts (2000-05-01): a record of kind incident cannot be known before it happened",
        },
      ],
    ],
    [
      "broken-json-syntax",
      [
        {
          file: "incidents.json",
          line: 5,
          message:
            'JSON syntax error at line 5, column 5: expected "," or "}" after a property value, found \'"\'',
        },
      ],
    ],
    [
      "broken-not-array",
      [{ file: "actors.json", line: 1, message: "must be a JSON array of actor records, found an object" }],
    ],
    [
      "broken-unknown-field",
      [
        {
          file: "incidents.json",
          recordId: "inc-typo",
          field: "fatalites",
          line: 25,
          message: 'Unrecognized key: "fatalites"',
        },
      ],
    ],
  ];
  for (const [name, expected] of cases) {
    it(`${name} gives exactly its problems`, async () => {
      expect(await problemsOf(join(fixtures, name))).toEqual(expected);
    });
  }

  it("lists every problem of a folder with many, not only the first", async () => {
    const problems = await problemsOf(join(fixtures, "broken-many"));
    expect(problems.map((p) => [p.file, p.recordId, p.field, p.line])).toEqual([
      ["incidents.json", "inc-many", "perpetrators[0]", 34],
      ["incidents.json", "inc-many", "knownAt", 38],
      ["warnings.json", "warn-1", "requestedActions[0].dueAt", 15],
      ["responses.json", "resp-1", "requestedAction", 8],
      ["responses.json", "resp-1", "occurredAt", 10],
      ["incident.json", undefined, undefined, undefined],
    ]);
    expect(problems[3]?.message).toBe('unknown requested action (warnings.json requestedActions) "ra-9"');
    expect(problems[4]?.message).toContain("a response cannot come before the warning it answers");
    expect(problems[5]?.message).toContain("unknown file");
  });
});

describe("readCaseFolder edge cases", () => {
  const manifest = {
    id: "tiny",
    title: "Tiny",
    region: "Test",
    countries: ["XVL"],
    period: { from: "2000-01-01", to: "2000-12-31" },
  };
  const cit = [{ source: "s", locator: "p. 1" }];
  const base = { occurredAt: "2000-01-01", knownAt: "2000-01-01", citations: cit };
  const source = { id: "s", kind: "report", title: "S", reliability: "B", credibility: 2, ...base };
  const actor = { id: "a", kind: "state", name: "A", ...base };
  const warning = (id: string, ra: string) => ({
    id,
    sender: "a",
    recipients: ["a"],
    channel: "letter",
    summary: "W",
    requestedActions: [{ id: ra, kind: "monitor", description: "D" }],
    ...base,
  });

  async function folder(files: Record<string, unknown>): Promise<string> {
    const dir = await tempDir();
    for (const [name, v] of Object.entries(files))
      await writeFile(join(dir, name), JSON.stringify(v, null, 2));
    return dir;
  }

  it("reports a missing folder", async () => {
    expect(await problemsOf(join(tmpdir(), "tocsin-no-such-case-folder"))).toEqual([
      {
        file: ".",
        message: `case folder ${join(tmpdir(), "tocsin-no-such-case-folder")} not found or not readable`,
      },
    ]);
  });

  it("reports an empty folder as missing its manifest", async () => {
    expect(await problemsOf(await tempDir())).toEqual([
      { file: "case.json", message: "missing: every case folder has a case.json manifest" },
    ]);
  });

  it("reads a manifest alone as a case with no records; other files are ignored", async () => {
    const dir = await folder({ "case.json": manifest });
    await writeFile(join(dir, "README.md"), "notes");
    await mkdir(join(dir, "attachments"));
    const r = await readCaseFolder(dir);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.bundle.records.incident).toEqual([]);
      expect(r.bundle.manifest.sides).toEqual([]);
      expect(r.files.map((f) => f.path)).toEqual(["case.json"]);
    }
  });

  it("reports a response that names another warning's requested action", async () => {
    const dir = await folder({
      "case.json": manifest,
      "sources.json": [source],
      "actors.json": [actor],
      "warnings.json": [warning("w1", "ra1"), warning("w2", "ra2")],
      "responses.json": [
        {
          id: "r1",
          actor: "a",
          kind: "acknowledgement",
          summary: "R",
          warning: "w1",
          requestedAction: "ra2",
          ...base,
        },
      ],
    });
    expect(await problemsOf(dir)).toEqual([
      {
        file: "responses.json",
        recordId: "r1",
        field: "requestedAction",
        line: 8,
        message: 'requested action "ra2" is not one of warning "w1"\'s requested actions',
      },
    ]);
  });

  it("refuses a warning resting on evidence known only after it", async () => {
    const later = {
      id: "late",
      kind: "state",
      name: "L",
      occurredAt: "2000-03-01",
      knownAt: "2000-03-01",
      citations: cit,
    };
    const dir = await folder({
      "case.json": manifest,
      "sources.json": [source],
      "actors.json": [actor, later],
      "warnings.json": [{ ...warning("w1", "ra1"), evidence: ["s", "late"] }],
    });
    expect(await problemsOf(dir)).toEqual([
      {
        file: "warnings.json",
        recordId: "w1",
        field: "evidence[1]",
        line: 27,
        message: 'evidence "late" is known only from 2000-03-01, after the warning (knownAt 2000-01-01)',
      },
    ]);
  });

  it("keeps requested action ids unique across the case", async () => {
    const dir = await folder({
      "case.json": manifest,
      "sources.json": [source],
      "actors.json": [actor],
      "warnings.json": [warning("w1", "a")],
    });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: "warnings.json",
      recordId: "w1",
      field: "requestedActions[0].id",
      line: 12,
    });
  });

  it("checks manifest references, sides and dates", async () => {
    const dir = await folder({
      "case.json": {
        ...manifest,
        period: { from: "2000-01-01", to: "1999-01-01" },
        evaluation: { onsetGroup: "nobody", onset: "1700-01-01" },
      },
      "sources.json": [source],
      "actors.json": [{ ...actor, side: "no-side" }],
    });
    const problems = await problemsOf(dir);
    expect(problems.map((p) => [p.file, p.field, p.message.slice(0, 30)])).toEqual([
      ["case.json", "period.to", "the period ends before it star"],
      ["case.json", "evaluation.onsetGroup", 'unknown group (groups.json) "n'],
      ["case.json", "evaluation.onset", "date 1700-01-01 is outside the"],
      ["actors.json", "side", "unknown side (case.json sides)"],
    ]);
  });

  it("lets a hypothetical capability be known before its window, but not a real one", async () => {
    const cap = {
      id: "c",
      force: "a",
      location: "L",
      tasking: "standby",
      summary: "S",
      occurredAt: "2000-06",
      knownAt: "2000-05-01",
      citations: cit,
    };
    const dir = await folder({
      "case.json": manifest,
      "sources.json": [source],
      "actors.json": [actor],
      "capabilities.json": [
        { ...cap, hypothetical: true },
        { ...cap, id: "c2" },
      ],
    });
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.recordId)).toEqual(["c2"]);
  });
});

describe("readCaseFolder never crashes", () => {
  it("returns a result for any mutation of a valid record's dates and ids", async () => {
    const src = join(fixtures, "synthetic-xv");
    const dir = await tempDir();
    await cp(src, dir, { recursive: true });
    const incidents = JSON.parse(await readFile(join(src, "incidents.json"), "utf8")) as Record<
      string,
      unknown
    >[];
    const responses = JSON.parse(await readFile(join(src, "responses.json"), "utf8")) as Record<
      string,
      unknown
    >[];
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "",
        "2022",
        "2022-13",
        "2022-02-29",
        "2024-02-29",
        "1700-01-01",
        "2022-01/2021-01",
        "a/b/c",
        "xv-warn-2021-10-05",
        "xv-council",
      ),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    const field = fc.constantFrom(
      "id",
      "occurredAt",
      "knownAt",
      "perpetrators",
      "targetGroup",
      "warning",
      "requestedAction",
      "actor",
      "citations",
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), field, value, fc.boolean(), async (i, f, v, onResponse) => {
        const list = onResponse ? responses : incidents;
        const copy = structuredClone(list);
        const target = copy[i % copy.length] as Record<string, unknown>;
        target[f] = v;
        await writeFile(
          join(dir, onResponse ? "responses.json" : "incidents.json"),
          JSON.stringify(copy, null, 2),
        );
        const r = await readCaseFolder(dir);
        expect(typeof r.ok).toBe("boolean");
        if (!r.ok) for (const p of r.problems) expect(typeof p.message).toBe("string");
        await writeFile(
          join(dir, onResponse ? "responses.json" : "incidents.json"),
          JSON.stringify(list, null, 2),
        );
      }),
      { numRuns: 60 },
    );
  });
});
