// `tocsin evaluate` driven through the CLI runner in-process: the table, the JSON document and the refusals.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./run-in-process.js";
import { repoRoot } from "./run-bin.js";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "tocsin-evaluate-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("tocsin evaluate", () => {
  it("prints one row per case and the summary, for a folder of cases and a case folder", async () => {
    const r = await runInProcess([
      "evaluate",
      join(repoRoot, "cases/rwanda-1990-1994"),
      join(repoRoot, "test/fixtures/cases/synthetic-engine-preparation"),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^case +kind +onset +high lead +imminent lead +ongoing lag/);
    expect(r.stdout).toMatch(/rwanda-1990-1994 +onset +1994-04-07 +372 +86 /);
    expect(r.stdout).toContain("summary: 2 case(s)");
    expect(r.stdout).toContain("no reversal within 30 days: 2/2");
    expect(r.stderr).toMatch(/2 case\(s\) evaluated with rulebook atrocity-risk 3\.0\.0/);
  });

  it("gives the same as one JSON document with --json", async () => {
    const r = await runInProcess(["evaluate", join(repoRoot, "cases/rwanda-1990-1994"), "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      rulebook: { version: string };
      cases: {
        case: string;
        firstHigh: string;
        firstImminent: string;
        firstOngoing: string;
        leadHigh: number;
      }[];
      summary: { cases: number };
    };
    expect(doc.rulebook.version).toBe("3.0.0");
    expect(doc.cases[0]).toMatchObject({
      case: "rwanda-1990-1994",
      firstHigh: "1993-03-31",
      firstImminent: "1994-01-11",
      firstOngoing: "1994-04-07",
      leadHigh: 372,
    });
    expect(doc.summary.cases).toBe(1);
  });

  it("exits 2 on a folder with no case, and on an invalid case with every problem", async () => {
    const empty = await runInProcess(["evaluate", tmp]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("no case.json in it or in its sub-folders");
    await writeFile(join(tmp, "case.json"), "{}");
    const bad = await runInProcess(["evaluate", tmp]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/case\.json.*id/);
    expect(bad.stdout).toBe("");
  });
});
