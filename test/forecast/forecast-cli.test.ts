// `tocsin forecast` and `tocsin backtest` through runCli with a captured CliIo, on a small synthetic EWP-format file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getForecastRun, listForecastRuns, openStore } from "../../src/storage/index.js";
import { hasSharedData } from "../support/shared-data.js";
import { EWP_CSV } from "./glmnet-fixture.js";
import { syntheticEwpCsv } from "./synthetic-ewp.js";
import { runInProcess } from "../cli/run-in-process.js";
import { CliError } from "../../src/cli/cli-error.js";
import { guard } from "../../src/cli/forecast.command.js";
import { GlmnetError } from "../../src/forecast/glmnet/glmnet.js";
import { ForecastError } from "../../src/forecast/runs/forecast-error.js";

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
      // The stored payload is richer than --json: previous p and rank, the change, and the big movers.
      const payload = full?.payload as {
        baseYear: number;
        previousBaseYear: number;
        forecasts: { p: number; change: number; previousP: number; previousRank: number }[];
        movers: { country: string; change: number }[];
      };
      expect(payload.baseYear).toBe(2015);
      expect(payload.previousBaseYear).toBe(2014);
      expect(payload.forecasts).toHaveLength(30);
      for (const f of payload.forecasts) {
        expect(f.change).toBeCloseTo(f.p - f.previousP, 15);
        expect(f.previousRank).toBeGreaterThanOrEqual(1);
      }
      expect(payload.movers).toHaveLength(10);
      expect(r.stdout).toContain(`  ${payload.movers[0]!.country}`);
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

/** Write a variant of the synthetic file: `edit(header, rows)` changes the split lines in place. */
function variant(name: string, edit: (header: string[], rows: string[][]) => void): string {
  const [head, ...body] = readFileSync(csv, "utf8").trimEnd().split("\n");
  const header = head!.split(",");
  const rows = body.map((l) => l.split(","));
  edit(header, rows);
  const path = join(dir, name);
  writeFileSync(path, [header, ...rows].map((r) => r.join(",")).join("\n"));
  return path;
}

const hex = variant("hex.csv", (h, rows) => {
  rows[4]![h.indexOf("efindex")] = "0x10";
});
const trailingComma = variant("trailing-comma.csv", (h, rows) => {
  h.push("");
  for (const r of rows) r.push("");
});
const duplicate = variant("duplicate.csv", (_h, rows) => {
  rows.push([...rows[5]!]);
});
// efindex is 0 up to 2000 and varies afterwards: constant in the training rows of base years up to 2002.
const lateVarying = variant("late-varying.csv", (h, rows) => {
  const y = h.indexOf("year");
  const j = h.indexOf("efindex");
  for (const r of rows) if (Number(r[y]) <= 2000) r[j] = "0";
});

describe("bad input exits 2 with a message naming the problem", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "a hexadecimal number",
      ["forecast", "--data", hex, "--base-year", "2015", "--no-store"],
      /line 6, column efindex: efindex is not a number: "0x10"/,
    ],
    [
      "an empty column name (trailing comma)",
      ["forecast", "--data", trailingComma, "--base-year", "2015", "--no-store"],
      /line 1: empty column name at position 46/,
    ],
    [
      "a duplicate country-year",
      ["forecast", "--data", duplicate, "--base-year", "2015", "--no-store"],
      /duplicate country-year: ccode \d+, year \d+ is on lines 7 and \d+/,
    ],
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
      expect(r.stderr).not.toMatch(/NaN/);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
  }

  it("a predictor that only varies from some year on is fine once the training rows reach that year", async () => {
    const r = await run([
      "forecast",
      "--data",
      lateVarying,
      "--base-year",
      "2003",
      "--model",
      "gbt",
      "--json",
      "--no-store",
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { train: { toYear: number } }).train.toYear).toBe(2001);
  });

  it("a predictor constant in a base year's training rows is named on stderr, takes no part, never NaN", async () => {
    const f = await run([
      "forecast",
      "--data",
      lateVarying,
      "--base-year",
      "2002",
      "--model",
      "gbt",
      "--json",
      "--no-store",
    ]);
    expect(f.code).toBe(0);
    expect(f.stderr).toMatch(
      /note: base year 2002: predictor efindex is constant \(0\) in every training row \(year <= 2000, mk_onset_1or2 known\) and takes no part/,
    );
    const doc = JSON.parse(f.stdout) as {
      forecasts: { p: number; drivers: { predictor: string; contribution: number }[] }[];
    };
    expect(doc.forecasts.every((c) => Number.isFinite(c.p))).toBe(true);
    for (const c of doc.forecasts)
      for (const d of c.drivers) if (d.predictor === "efindex") expect(d.contribution).toBe(0);
    const b = await run([
      "backtest",
      "--data",
      lateVarying,
      "--from",
      "2001",
      "--to",
      "2004",
      "--model",
      "ewp-enet",
      "--json",
      "--no-store",
    ]);
    expect(b.code).toBe(0);
    expect(b.stderr).toContain("note: base year 2001: predictor efindex is constant (0)");
    expect(b.stderr).toContain("note: base year 2002: predictor efindex is constant (0)");
    expect(b.stderr).not.toContain("note: base year 2003:");
  });

  it.skipIf(!hasSharedData("forecast/forecast-cli", [EWP_CSV]))(
    "the EWP file: base year 1990 names the predictors constant in its training rows and still forecasts",
    async () => {
      const r = await run([
        "forecast",
        "--data",
        EWP_CSV,
        "--base-year",
        "1990",
        "--model",
        "ewp-enet",
        "--json",
        "--no-store",
      ]);
      expect(r.code).toBe(0);
      for (const name of ["battledeaths.log2", "includesnonstate"])
        expect(r.stderr).toContain(
          `note: base year 1990: predictor ${name} is constant (0) in every training row (year <= 1988`,
        );
      const doc = JSON.parse(r.stdout) as { forecasts: { p: number }[] };
      expect(doc.forecasts.length).toBeGreaterThan(100);
      expect(doc.forecasts.every((c) => Number.isFinite(c.p) && c.p > 0 && c.p < 1)).toBe(true);
    },
  );

  it("a model error from glmnet names the base year (guard)", () => {
    const fail = new ForecastError(
      "base year 2013: ewp-enet: one binomial class has 1 or 0 observations",
      "model_cannot_fit",
    );
    expect(() =>
      guard(() => {
        throw fail;
      }),
    ).toThrow(new CliError(fail.message, 2, "USAGE"));
    const raw = new GlmnetError("glmnet error 8001", "glmnet_one_class");
    expect(() =>
      guard(() => {
        throw raw;
      }),
    ).toThrow(CliError);
  });

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
