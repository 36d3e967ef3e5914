// The replay streamed from the store (`tocsin replay --case ID --db`, records read page by page) gives exactly
// the replay in memory: the same alerts, levels, first dates and evaluation, on the built-in case and on a
// generated UCDP GED file, in SQLite and (with TOCSIN_TEST_PG) PostgreSQL, with pages small enough that every
// kind is read over many pages.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../bench/import-data.generator.js";
import { replay, type ReplayResult } from "../../src/engine/index.js";
import { importFile } from "../../src/importers/index.js";
import { loadCase, readCase } from "../../src/storage/index.js";
import { replayStoredCase } from "../../src/cli/stored-replay.js";
import { clock, tempDir } from "../importers/helpers.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { caseAt, packageLexicon, packageRulebook } from "./engine-cases.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[engine/stored-replay] TOCSIN_TEST_PG is unset: the PostgreSQL half is SKIPPED");
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];

afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

/** What must be identical: everything the replay answers. */
function outcome(r: ReplayResult) {
  return {
    case: r.case,
    from: r.from,
    to: r.to,
    steps: r.steps,
    alerts: r.alerts,
    firstDateByLevel: r.firstDateByLevel,
    firstBySituation: [...r.firstBySituation],
    evaluation: r.evaluation,
    final: r.final,
    notices: r.notices,
  };
}

describe.each(targets)("the replay streamed from $name", (target) => {
  it("equals the in-memory replay of the built-in case", async () => {
    const [rulebook, lexicon, bundle] = await Promise.all([
      packageRulebook(),
      packageLexicon(),
      caseAt("cases/rwanda-1990-1994"),
    ]);
    const store = await target.open(await target.fresh());
    try {
      await loadCase(store, bundle);
      const inMemory = replay(bundle, rulebook, { step: "week", lexicon });
      const streamed = await replayStoredCase(store, bundle.manifest.id, rulebook, {
        step: "week",
        lexicon,
        pageSize: 7,
      });
      expect(streamed).toBeDefined();
      expect(inMemory.alerts.length).toBeGreaterThan(0);
      expect(outcome(streamed!.result)).toEqual(outcome(inMemory));
      expect(streamed!.records).toBeGreaterThan(50);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("equals the in-memory replay of an imported, generated UCDP GED file", async () => {
    const rulebook = await packageRulebook();
    const file = join(tempDir(), "ged.csv");
    await generate("ucdp-ged", file, 1200, 42);
    const store = await target.open(await target.fresh());
    try {
      const report = await importFile(store, { format: "ucdp-ged", file, clock });
      expect(report.imported).toBe(1200);
      const bundle = await readCase(store, "import-ucdp-ged");
      const inMemory = replay(bundle!, rulebook, { step: "month" });
      const streamed = await replayStoredCase(store, "import-ucdp-ged", rulebook, {
        step: "month",
        pageSize: 101,
      });
      expect(inMemory.alerts.length).toBeGreaterThan(0);
      expect(outcome(streamed!.result)).toEqual(outcome(inMemory));
      // Every record was fed: the 1,200 events, their actors and the file's source.
      expect(streamed!.records).toBe(
        bundle!.records.incident.length + bundle!.records.actor.length + bundle!.records.source.length,
      );
    } finally {
      await store.close();
    }
  }, 180_000);

  it("finds no case it does not hold", async () => {
    const store = await target.open(await target.fresh());
    try {
      expect(
        await replayStoredCase(store, "nope", await packageRulebook(), { step: "week" }),
      ).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
