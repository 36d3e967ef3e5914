import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCaseFolder } from "./read-case-folder.js";

const temps: string[] = [];
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

const manifest = (extra: object) => ({
  id: "format-test",
  title: "Format test",
  region: "Nowhere",
  countries: ["XAA"],
  period: { from: "2020-01-01", to: "2020-12-31" },
  ...extra,
});
const citations = [{ source: "src-a", locator: "p. 1" }];
const records = {
  "sources.json": [
    {
      id: "src-a",
      kind: "report",
      title: "A report",
      reliability: "B",
      credibility: 2,
      occurredAt: "2020-01-01",
      knownAt: "2020-01-01",
      citations: [{ source: "src-a", locator: "whole" }],
    },
  ],
  "groups.json": [
    {
      id: "g1",
      name: "Group one",
      kind: "ethnical",
      countries: ["XAA"],
      occurredAt: "2020",
      knownAt: "2020-01-01",
      citations,
      population: { best: 100000 },
    },
    {
      id: "g2",
      name: "Group two",
      kind: "religious",
      countries: ["XAA"],
      occurredAt: "2020",
      knownAt: "2020-01-01",
      citations,
    },
  ],
  "actors.json": [
    {
      id: "un-council",
      kind: "un-organ",
      name: "A council",
      occurredAt: "2020",
      knownAt: "2020-01-01",
      citations,
      periodRoles: [{ role: "security-council", from: "2020-01-01", to: "2020-06-30" }],
    },
  ],
  "incidents.json": [
    {
      id: "inc-1",
      summary: "Men separated and killed; thousands flee.",
      acts: ["killing", "separation-of-men", "forced-displacement"],
      place: { country: "XAA" },
      targetGroup: "g1",
      targetGroups: ["g2"],
      fatalities: { best: 50 },
      displaced: { low: 3000 },
      occurredAt: "2020-03-01",
      knownAt: "2020-03-02",
      citations,
    },
  ],
  "reports.json": [
    {
      id: "rep-1",
      title: "Findings",
      authors: ["un-council"],
      findings: [{ text: "Displacement by force.", tags: ["forced-displacement"] }],
      qualification: "not-addressed",
      recommendations: [],
      mentionsGenocideRisk: false,
      crimes: [{ crime: "ethnic-cleansing", finding: "established", ongoing: true }],
      occurredAt: "2020-04-01",
      knownAt: "2020-04-01",
      citations,
    },
  ],
};

async function folder(man: object, files: Record<string, unknown> = records): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "tocsin-format-"));
  temps.push(d);
  await writeFile(join(d, "case.json"), JSON.stringify(man, null, 2));
  for (const [name, value] of Object.entries(files))
    await writeFile(join(d, name), JSON.stringify(value, null, 2));
  return d;
}

describe("case format 2", () => {
  it("reads format-2 fields when the manifest declares formatVersion 2", async () => {
    const r = await readCaseFolder(
      await folder(manifest({ formatVersion: 2, evaluation: { control: true } })),
    );
    expect(r.ok ? [] : r.problems).toEqual([]);
    if (!r.ok) return;
    const inc = r.bundle.records.incident[0];
    expect(inc?.targetGroups).toEqual(["g2"]);
    expect(inc?.displaced).toEqual({ low: 3000 });
    expect(r.bundle.records.report[0]?.crimes).toEqual([
      { crime: "ethnic-cleansing", finding: "established", ongoing: true },
    ]);
    expect(r.bundle.records.actor[0]?.periodRoles?.[0]?.role).toBe("security-council");
    expect(r.bundle.manifest.formatVersion).toBe(2);
  });

  it("names every format-2 use in a case that does not declare it, with file, field and line", async () => {
    const r = await readCaseFolder(
      await folder(manifest({ evaluation: { massAtrocityKnown: "2020-04-01" } })),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.problems.map((p) => `${p.file} ${p.recordId ?? ""} ${p.field}`);
    expect(got).toEqual([
      "case.json  evaluation.massAtrocityKnown",
      "actors.json un-council periodRoles",
      "groups.json g1 population",
      "incidents.json inc-1 acts[1]",
      "incidents.json inc-1 targetGroups",
      "incidents.json inc-1 displaced",
      "reports.json rep-1 findings[0].tags[0]",
      "reports.json rep-1 crimes",
    ]);
    expect(r.problems.every((p) => p.message.includes('"formatVersion": 2') && (p.line ?? 0) > 1)).toBe(true);
  });

  it("refuses an unknown format version and a control with an onset", async () => {
    const r = await readCaseFolder(
      await folder(manifest({ formatVersion: 3, evaluation: { control: true, onset: "2020-05-01" } }), {}),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // In the order of their lines in case.json.
    expect(r.problems.map((p) => [p.field, p.message])).toEqual([
      ["formatVersion", "this Tocsin reads case formats 1 and 2"],
      ["evaluation.onset", "a control case has no onset (no mass atrocity followed)"],
    ]);
  });

  it("checks the group references of targetGroups", async () => {
    const files = {
      ...records,
      "incidents.json": [{ ...records["incidents.json"][0], targetGroups: ["nobody"] }],
    };
    const r = await readCaseFolder(await folder(manifest({ formatVersion: 2 }), files));
    expect(r.ok ? [] : r.problems.map((p) => [p.field, p.message])).toEqual([
      ["targetGroups[0]", 'unknown group (groups.json) "nobody"'],
    ]);
  });
});
