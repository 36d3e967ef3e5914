// `tocsin replay` driven through the CLI runner in-process (the same code the binary runs), output captured.
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "./engine-cases.js";
import { runInProcess } from "../cli/run-in-process.js";

const run = (args: readonly string[], root = packageRoot) => runInProcess(args, { packageRoot: root });

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "tocsin-replay-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("tocsin replay", () => {
  it("prints exactly the documented JSON document with --json", async () => {
    const r = await run(["replay", "--case", "rwanda-1990-1994", "--step", "week", "--json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { alerts: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual([
      "case",
      "steps",
      "alerts",
      "firstDateByLevel",
      "evaluation",
      "notices",
    ]);
    expect(doc.case).toBe("rwanda-1990-1994");
    expect(doc.alerts.length).toBeGreaterThan(0);
    for (const a of doc.alerts) {
      expect(Object.keys(a)).toEqual([
        "date",
        "situation",
        "level",
        "previousLevel",
        "score",
        "factors",
        // Rulebook 3: the criterion met, by which records, with what confidence (an alert says why).
        ...(a.level === "none" ? ["criteria", "confidence"] : ["criteria", "confidence"]),
        "reasons",
        "evidence",
        "recommendedActions",
        "dutyBearers",
      ]);
      const criteria = a.criteria as { id: string; conditions: { records: unknown[] }[] }[];
      if (a.level !== "none") expect(criteria.length).toBeGreaterThan(0);
    }
    expect(Object.keys(doc.firstDateByLevel as object)).toEqual(["elevated", "high", "imminent", "ongoing"]);
    expect((doc.evaluation as { onset: string }).onset).toBe("1994-04-07");
  });

  it("lists the alerts in order with level changes and cited evidence", async () => {
    const r = await run([
      "replay",
      "--case-dir",
      join(packageRoot, "test/fixtures/cases/synthetic-engine-preparation"),
      "--step",
      "day",
    ]);
    expect(r.code).toBe(0);
    // Rulebook 3: high from the State's incitement, imminent from two kinds of preparation; the preparation is
    // more than 180 days old by May 2019 (back to high), and the first mass killing makes it ongoing.
    expect(r.stdout).toContain("high → imminent");
    expect(r.stdout).toContain("high → ongoing");
    expect(r.stdout.indexOf("→ imminent")).toBeLessThan(r.stdout.indexOf("→ ongoing"));
    expect(r.stdout).toContain("evidence: pr-lists [B2]");
    expect(r.stdout).toContain("criterion imminent-preparation");
    expect(r.stdout).toContain("lead time before the onset 2019-06-10");
    expect(r.stdout).not.toContain("Fictional Person");
    // 3.0.0 (atrocity-risk.v3.json): levels by reference criteria.
    expect(r.stderr).toMatch(/^730 step\(s\), \d+ alert\(s\), rulebook atrocity-risk 3\.0\.0\n$/);
  });

  it("exits 2 on a bad step, a missing case or both case options", async () => {
    expect((await run(["replay", "--case", "rwanda-1990-1994", "--step", "year"])).code).toBe(2);
    const missing = await run(["replay", "--case-dir", join(tmp, "nowhere")]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect((await run(["replay", "--case", "a", "--case-dir", "b"])).code).toBe(2);
    expect((await run(["replay"])).code).toBe(2);
  });

  it("exits 2 and lists every problem when the rulebook is invalid", async () => {
    const root = join(tmp, "pkg");
    await mkdir(join(root, "rulebook"), { recursive: true });
    await copyFile(
      join(packageRoot, "test/fixtures/rulebooks/broken-cycles.json"),
      join(root, "rulebook", "broken.v1.json"),
    );
    const r = await run(
      ["replay", "--case-dir", join(packageRoot, "test/fixtures/cases/synthetic-engine-clashes")],
      root,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      "broken.v1.json:51 indicators[2].derivedFrom: derived indicators form a cycle: P1 → D1 → P1",
    );
    expect(r.stderr).toContain("the rulebook is invalid: 2 problem(s); the engine does not run on it");
  });
});
