// `tocsin demo --ewp FILE` also forecasts and stores the run the dashboard's Country risk page shows; an invalid
// file is refused before anything is written.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getForecastRunResult, listForecastRuns, openStore } from "../../src/storage/index.js";
import { syntheticEwpCsv } from "../forecast/synthetic-ewp.js";
import { runInProcess } from "./run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "tocsin-demo-ewp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, "ewp.csv");
writeFileSync(csv, syntheticEwpCsv({ countries: 20, from: 1985, to: 2014, seed: 5 }));

describe("tocsin demo --ewp", () => {
  // The demo loads and replays the built-in case (about 30 s of CPU): a generous limit for a shared machine.
  it(
    "stores a forecast from the file's latest year beside the case, and reports it",
    { timeout: 600_000 },
    async () => {
      const db = join(dir, "demo.db");
      const r = await runInProcess(["demo", "--no-serve", "--json", "--db", db, "--ewp", csv]);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        forecast: { runId: string; baseYear: number; countries: number; top: { rank: number }[] };
      };
      expect(doc.forecast).toMatchObject({ baseYear: 2014, horizon: 2, countries: 20 });
      expect(doc.forecast.top.map((t) => t.rank)).toEqual([1, 2, 3, 4, 5]);
      expect(r.stderr).toContain(`Stored forecast: 20 countries, onset in 2015–2016 (base year 2014`);

      const store = await openStore(db);
      try {
        const runs = await listForecastRuns(store, { kind: "forecast" });
        expect(runs.map((x) => x.id)).toEqual([doc.forecast.runId]);
        const run = await getForecastRunResult(store, doc.forecast.runId);
        const payload = run?.payload as { baseYear: number; forecasts: { country: string }[] };
        expect(payload.baseYear).toBe(2014);
        expect(payload.forecasts).toHaveLength(20);
      } finally {
        await store.close();
      }

      // `tocsin forecast` on the same file stores the same run (same id), replacing it instead of adding one.
      const again = await runInProcess(["forecast", "--data", csv, "--base-year", "2014", "--db", db]);
      expect(again.code).toBe(0);
      const store2 = await openStore(db);
      try {
        expect((await listForecastRuns(store2, { kind: "forecast" })).map((x) => x.id)).toEqual([
          doc.forecast.runId,
        ]);
      } finally {
        await store2.close();
      }
    },
  );

  it("an invalid file: exit 2 naming line and column, no store created", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      syntheticEwpCsv({ countries: 3, from: 1985, to: 1990 }).replace(/\n(Country 0,100,)1985/, "\n$1x"),
    );
    const db = join(dir, "refused.db");
    const r = await runInProcess(["demo", "--no-serve", "--db", db, "--ewp", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad} is not a valid EWP country-year file`);
    expect(r.stderr).toContain('line 2, column year: year must be an integer, found "x"');
    expect(existsSync(db)).toBe(false);
  });
});
