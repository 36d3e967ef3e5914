import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RECORD_KINDS, type CaseBundle, type RecordKind, type RecordOf } from "../domain/index.js";
import { referencesOf } from "./case-references.js";
import { readCaseFolder } from "./read-case-folder.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

async function load(dir: string): Promise<CaseBundle> {
  const r = await readCaseFolder(join(root, dir));
  if (!r.ok) throw new Error(`${dir} is invalid: ${JSON.stringify(r.problems)}`);
  return r.bundle;
}

function everyRecord(b: CaseBundle): [RecordKind, RecordOf<RecordKind>][] {
  return RECORD_KINDS.flatMap((k) =>
    (b.records[k] as readonly RecordOf<RecordKind>[]).map(
      (r) => [k, r] as [RecordKind, RecordOf<RecordKind>],
    ),
  );
}

const DEVELOPMENT = readdirSync(join(root, "cases/development"))
  .filter((d) => existsSync(join(root, "cases/development", d, "case.json")))
  .map((d) => `cases/development/${d}`);

describe("the committed cases replay consistently", () => {
  for (const dir of ["cases/rwanda-1990-1994", "test/fixtures/cases/synthetic-xv", ...DEVELOPMENT]) {
    it(`${dir}: every actor and group is known no later than any record that names it`, async () => {
      const b = await load(dir);
      const knownAt = new Map<string, string>();
      for (const x of [...b.records.actor, ...b.records.group]) knownAt.set(x.id, x.knownAt);
      const late: string[] = [];
      for (const [kind, rec] of everyRecord(b)) {
        for (const ref of referencesOf(kind, rec)) {
          if (ref.target !== "actor" && ref.target !== "group") continue;
          const k = knownAt.get(ref.id);
          if (k !== undefined && k > rec.knownAt)
            late.push(`${rec.id} names ${ref.id} (known ${k}) on ${rec.knownAt}`);
        }
      }
      expect(late).toEqual([]);
    });
  }
});

describe("the Rwanda case cites the article", () => {
  it("every record cites the article by section and paragraph or by note", async () => {
    const b = await load("cases/rwanda-1990-1994");
    const bad = everyRecord(b)
      .filter(
        ([, r]) =>
          !r.citations.some(
            (c) => c.source === "src-article" && /^(§[A-Z][a-z ]+ ¶\d|notes? \d|title)/.test(c.locator),
          ),
      )
      .map(([, r]) => r.id);
    expect(bad).toEqual([]);
  });

  it("cites every one of the article's 15 notes somewhere", async () => {
    const b = await load("cases/rwanda-1990-1994");
    const locators = everyRecord(b).flatMap(([, r]) => r.citations.map((c) => c.locator));
    const cited = new Set<number>();
    for (const l of locators) {
      for (const m of l.matchAll(/notes? (\d+)(?: and (\d+))?/g)) {
        cited.add(Number(m[1]));
        if (m[2] !== undefined) cited.add(Number(m[2]));
      }
      for (const m of l.matchAll(/notes (\d+), (\d+) and (\d+)/g))
        [m[1], m[2], m[3]].forEach((n) => cited.add(Number(n)));
    }
    expect([...cited].sort((a, c) => a - c)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it("holds the figures the article gives", async () => {
    const b = await load("cases/rwanda-1990-1994");
    const ictr = b.records.tribunal[0];
    expect(ictr?.aggregates).toEqual({ convicted: 61, acquitted: 14, judged: 75 });
    expect(ictr?.budget).toEqual({ totalUsd: 1_800_000_000, approximate: true });
    expect(ictr?.mandate.temporal).toEqual({ from: "1994-01-01", to: "1994-12-31" });
    expect(b.records.mandate.find((m) => m.id === "man-1994-04-21-unamir-reduced")?.troopCeiling).toBe(270);
    expect(b.records.tribunalCase[0]?.reportedDetention).toEqual({
      beforeFirstJudgment: { years: 16, approximate: true },
      beforeFinalJudgment: { years: 20, approximate: true },
    });
    const unamir = b.records.mandate.find((m) => m.id === "man-1993-unamir");
    expect(unamir?.tasks).toHaveLength(5);
    expect(unamir?.tasks.some((t) => t.category === "protection-of-civilians")).toBe(false);
  });
});

describe("the development set", () => {
  it("has at least ten cases in format 2, three of them controls, each with its truth", async () => {
    expect(DEVELOPMENT.length).toBeGreaterThanOrEqual(10);
    const bundles = await Promise.all(DEVELOPMENT.map(load));
    expect(bundles.every((b) => b.manifest.formatVersion === 2)).toBe(true);
    const controls = bundles.filter((b) => b.manifest.evaluation?.control === true);
    expect(controls.length).toBeGreaterThanOrEqual(3);
    for (const b of bundles) {
      const ev = b.manifest.evaluation;
      expect(ev?.control === true || ev?.onset !== undefined, b.manifest.id).toBe(true);
      expect(ev?.notes?.length ?? 0, b.manifest.id).toBeGreaterThan(100);
    }
  });

  it("cites a graded source with a locator for every record", async () => {
    for (const b of await Promise.all(DEVELOPMENT.map(load))) {
      const ids = new Set(b.records.source.map((s) => s.id));
      const bad = everyRecord(b).filter(
        ([, r]) => !r.citations.every((c) => ids.has(c.source) && c.locator.trim() !== ""),
      );
      expect(
        bad.map(([, r]) => r.id),
        b.manifest.id,
      ).toEqual([]);
    }
  });
});
