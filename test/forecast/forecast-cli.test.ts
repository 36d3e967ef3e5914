// `tocsin forecast` and `tocsin backtest` through runCli with a captured CliIo, on a small synthetic EWP-format file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getForecastRun, listForecastRuns, openStore } from "../../src/storage/index.js";
import { syntheticEwpCsv } from "./synthetic-ewp.js";
import { runInProcess } from "../cli/run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "tocsin-forecast-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, "ewp.csv");
writeFileSync(csv, syntheticEwpCsv({ countries: 30, from: 1988, to: 2015 }));

const run = (args: readonly string[]) =>
  runInProcess(args, { packageRoot: process.cwd(), defaultDb: join(dir, "default.db") });

describe("tocsin forecast", () => {
  it("--json prints exactly the documented shape, ranked", async () => {
    const r = await run([
      "forecast",
      "--data",
      csv,
      "--base-year",
      "2015",
      "--model",
      "gbt",
      "--json",
      "--no-store",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      forecasts: Record<string, unknown>[];
      train: Record<string, unknown>;
    } & Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["baseYear", "horizon", "model", "train", "forecasts"]);
    expect(doc.baseYear).toBe(2015);
    expect(doc.horizon).toBe(2);
    expect(doc.model).toBe("gbt");
    expect(Object.keys(doc.train)).toEqual(["rows", "positives", "fromYear", "toYear"]);
    expect(doc.train.toYear).toBe(2013);
    expect(doc.forecasts).toHaveLength(30);
    expect(Object.keys(doc.forecasts[0]!)).toEqual(["ccode", "country", "p", "rank", "drivers"]);
    expect(doc.forecasts.map((f) => f.rank)).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
  });

  it("prints a ranked table with changes and big movers, and stores the run with the data hash", async () => {
    const db = join(dir, "runs.db");
    const r = await run([
      "forecast",
      "--data",
      csv,
      "--base-year",
      "2015",
      "--horizon",
      "1",
      "--model",
      "gbt",
      "--db",
      db,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Risk of a new mass killing starting in 2016 (base year 2015), model gbt 1.0.0",
    );
    expect(r.stdout).toMatch(/^ {3}1 {2}Country \d+/m);
    expect(r.stdout).toContain("Big movers since base year 2014");
    const store = await openStore(db);
    try {
      const runs = await listForecastRuns(store, { kind: "forecast" });
      expect(runs).toHaveLength(1);
      expect(runs[0]!.model).toBe("gbt");
      expect(runs[0]!.modelVersion).toBe("1.0.0");
      expect(runs[0]!.dataSha256).toMatch(/^[0-9a-f]{64}$/);
      const full = await getForecastRun(store, runs[0]!.id);
      expect((full?.payload as { baseYear: number }).baseYear).toBe(2015);
    } finally {
      await store.close();
    }
  });

  it("--out writes the JSON document to a file", async () => {
    const out = join(dir, "f.json");
    const r = await run([
      "forecast",
      "--data",
      csv,
      "--base-year",
      "2014",
      "--model",
      "gbt",
      "--out",
      out,
      "--no-store",
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(readFileSync(out, "utf8")) as { baseYear: number }).baseYear).toBe(2014);
  });
});

describe("tocsin backtest", () => {
  it("--json prints exactly the documented shape", async () => {
    const r = await run([
      "backtest",
      "--data",
      csv,
      "--from",
      "2009",
      "--to",
      "2010",
      "--model",
      "gbt",
      "--json",
      "--no-store",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      years: Record<string, unknown>[];
      pooled: Record<string, unknown>;
    } & Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["model", "horizon", "years", "pooled"]);
    expect(doc.years.map((y) => Object.keys(y))).toEqual([
      ["baseYear", "n", "onsets", "auc", "brier", "top30"],
      ["baseYear", "n", "onsets", "auc", "brier", "top30"],
    ]);
    expect(Object.keys(doc.pooled)).toEqual([
      "n",
      "onsets",
      "auc",
      "aucLow",
      "aucHigh",
      "brier",
      "brierSkill",
      "top30",
    ]);
    expect(doc.pooled.n).toBe(60);
  });
});

describe("bad input exits 2 with a message naming the problem", () => {
  const cases: [string, string[], RegExp][] = [
    ["missing --data", ["forecast", "--base-year", "2015"], /--data CSV is required/],
    [
      "base year outside the data",
      ["forecast", "--data", csv, "--base-year", "2030", "--no-store"],
      /base year 2030 is outside the data \(1988–2015\)/,
    ],
    [
      "too few positives for 10 folds",
      ["forecast", "--data", csv, "--base-year", "1989", "--no-store"],
      /base year 1989: the training rows .* at least 10 of each/,
    ],
    [
      "bad horizon",
      ["forecast", "--data", csv, "--base-year", "2015", "--horizon", "3"],
      /--horizon must be 1 or 2/,
    ],
    [
      "unknown model",
      ["forecast", "--data", csv, "--base-year", "2015", "--model", "magic"],
      /unknown model "magic"/,
    ],
    [
      "--to before --from",
      ["backtest", "--data", csv, "--from", "2010", "--to", "2009"],
      /--to 2009 is before --from 2010/,
    ],
    [
      "missing file",
      ["forecast", "--data", join(dir, "nope.csv"), "--base-year", "2015"],
      /cannot read .*nope\.csv \(ENOENT\)/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }

  it("a file with a missing column, an extra column and a non-numeric value names each", async () => {
    const text = readFileSync(csv, "utf8").split("\n");
    const header = text[0]!.split(",");
    const k = header.indexOf("gdppcgrowth");
    header[k] = "gdp_growth";
    const row = text[3]!.split(",");
    row[header.indexOf("efindex")] = "n/a";
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, [header.join(","), text[1], text[2], row.join(",")].join("\n"));
    const r = await run(["forecast", "--data", bad, "--base-year", "2015"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("line 1, column gdppcgrowth: missing column gdppcgrowth");
    expect(r.stderr).toContain("line 1, column gdp_growth: unexpected column gdp_growth");
    const fixed = join(dir, "bad2.csv");
    writeFileSync(fixed, [text[0], text[1], text[2], row.join(",")].join("\n"));
    const r2 = await run(["forecast", "--data", fixed, "--base-year", "2015"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('line 4, column efindex: efindex is not a number: "n/a"');
  });
});
