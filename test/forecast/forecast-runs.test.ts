import { describe, expect, it } from "vitest";
import { parseEwpText } from "../../src/datasets/ewp/ewp.reader.js";
import { syntheticEwpCsv } from "./synthetic-ewp.js";
import type { CountryYearTable } from "../../src/forecast/data/country-year.js";
import { boostedTreesModel } from "../../src/forecast/models/boosted-trees.model.js";
import { elasticNetModel } from "../../src/forecast/models/elastic-net.model.js";
import { rollingBacktest } from "../../src/forecast/runs/backtest.js";
import { ForecastError } from "../../src/forecast/runs/forecast-error.js";
import { runForecast } from "../../src/forecast/runs/forecast.js";
import { prepareYear } from "../../src/forecast/runs/prepare-year.js";
import { GlmnetError } from "../../src/forecast/glmnet/glmnet.js";

/** The first base year that prepareYear accepts (enough positives in its training rows). */
function firstFittable(t: CountryYearTable): number {
  for (let y = 1982; ; y++) {
    try {
      prepareYear(t, y, 2);
      return y;
    } catch (e) {
      if (!(e instanceof ForecastError)) throw e;
    }
  }
}

function table(opts: Parameters<typeof syntheticEwpCsv>[0] = {}): CountryYearTable {
  const r = parseEwpText(syntheticEwpCsv(opts));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}

describe("prepareYear", () => {
  const t = table({ countries: 30, from: 1980, to: 2015 });
  it("trains on complete rows up to Y−2 with known outcome and scores year Y", () => {
    const prep = prepareYear(t, 2000, 2);
    expect(prep.toYear).toBe(1998);
    expect(prep.fromYear).toBe(1980);
    expect(prep.train.n).toBe(30 * 19);
    expect(prep.scoreRows.length).toBe(30);
    for (const i of prep.scoreRows) expect(t.year[i]).toBe(2000);
  });
  it("drops rows whose outcome is unknown (the last years)", () => {
    const prep = prepareYear(t, 2015, 2);
    expect(prep.toYear).toBe(2013);
    // 2014 and 2015 rows have no two-year outcome and are never training rows.
    expect(Array.from(prep.trainRows).every((i) => t.year[i]! <= 2013)).toBe(true);
    expect(Array.from(prep.scoreY).every(Number.isNaN)).toBe(true);
  });
  it("names the year when it is outside the data", () => {
    expect(() => prepareYear(t, 2030, 2)).toThrow(
      new ForecastError("base year 2030 is outside the data (1980–2015)", "base_year_outside_data"),
    );
  });
  it("notes a predictor constant in the training rows (not the whole file), naming column and year", () => {
    const j = t.predictors.indexOf("efindex");
    const x = Float64Array.from(t.x);
    for (let i = 0; i < t.n; i++) if (t.year[i]! <= 1995) x[j * t.n + i] = 0.5;
    const late = { ...t, x };
    expect(prepareYear(late, 1997, 2).notices).toEqual([
      "base year 1997: predictor efindex is constant (0.5) in every training row (year <= 1995, mk_onset_1or2 " +
        "known) and takes no part in this year's model",
    ]);
    expect(prepareYear(late, 1998, 2).notices).toEqual([]);
    expect(prepareYear(t, 1997, 2).notices).toEqual([]);
  });
  it("refuses too few positive cases for 10 folds, naming the year", () => {
    expect(() => prepareYear(t, 1982, 2)).toThrow(
      /base year 1982: the training rows \(year <= 1980, mk_onset_1or2 known\) have \d+ positive/,
    );
  });
});

describe("runForecast and rollingBacktest", () => {
  const t = table({ countries: 30, from: 1980, to: 2015 });
  const small = table({ countries: 30, from: 1988, to: 2010 });
  it("ranks every country, explains it and compares with the previous year", () => {
    const r = runForecast(t, boostedTreesModel, { baseYear: 2015, horizon: 2 });
    expect(r.forecasts).toHaveLength(30);
    expect(r.forecasts.map((f) => f.rank)).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    for (let k = 1; k < 30; k++) expect(r.forecasts[k]!.p).toBeLessThanOrEqual(r.forecasts[k - 1]!.p);
    for (const f of r.forecasts) {
      expect(f.p).toBeGreaterThan(0);
      expect(f.p).toBeLessThan(1);
      expect(f.change).not.toBeNull();
      expect(f.drivers.length).toBeLessThanOrEqual(3);
    }
    expect(r.movers.length).toBe(10);
    expect(Math.abs(r.movers[0]!.change!)).toBeGreaterThanOrEqual(Math.abs(r.movers[9]!.change!));
    expect(r.train).toEqual({ rows: 30 * 34, positives: r.train.positives, fromYear: 1980, toYear: 2013 });
  });
  it("records each country's previous probability and rank, and names the previous base year", () => {
    const r = runForecast(t, boostedTreesModel, { baseYear: 2015, horizon: 2 });
    const before = runForecast(t, boostedTreesModel, { baseYear: 2014, horizon: 2 });
    expect(r.previousBaseYear).toBe(2014);
    const earlier = new Map(before.forecasts.map((f) => [f.ccode, f]));
    for (const f of r.forecasts) {
      expect(f.previousP).toBe(earlier.get(f.ccode)!.p);
      expect(f.previousRank).toBe(earlier.get(f.ccode)!.rank);
      expect(f.change).toBe(f.p - f.previousP!);
    }
  });
  it("has no previous year when Y − 1 cannot be forecast", () => {
    const y = firstFittable(t);
    const first = runForecast(t, boostedTreesModel, { baseYear: y, horizon: 2 });
    expect(runForecast(t, boostedTreesModel, { baseYear: y + 1, horizon: 2 }).previousBaseYear).toBe(y);
    expect(first.previousBaseYear).toBeNull();
    expect(first.movers).toEqual([]);
    expect(
      first.forecasts.every((f) => f.change === null && f.previousP === null && f.previousRank === null),
    ).toBe(true);
  });
  it("names the base year when the model's fit fails on this input (a glmnet error)", () => {
    const failing = {
      ...elasticNetModel,
      fit: (): never => {
        throw new GlmnetError("one binomial class has 1 or 0 observations; not allowed", "glmnet_one_class");
      },
    };
    expect(() => runForecast(t, failing, { baseYear: 2010, horizon: 2 })).toThrow(
      new ForecastError(
        "base year 2010: ewp-enet: one binomial class has 1 or 0 observations; not allowed",
        "model_cannot_fit",
      ),
    );
    expect(() => rollingBacktest(t, failing, { from: 2005, to: 2006, horizon: 2 })).toThrow(
      /^base year 2005: ewp-enet: one binomial class/,
    );
  });
  it("is reproducible: the same params and probabilities on a rerun", () => {
    const a = runForecast(t, boostedTreesModel, { baseYear: 2010, horizon: 1 });
    const b = runForecast(t, boostedTreesModel, { baseYear: 2010, horizon: 1 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
  it("backtests each base year out of sample and pools", () => {
    const r = rollingBacktest(small, elasticNetModel, { from: 2007, to: 2008, horizon: 2 });
    expect(r.years.map((y) => y.baseYear)).toEqual([2007, 2008]);
    expect(r.years.map((y) => y.n)).toEqual([30, 30]);
    expect(r.pooled.n).toBe(60);
    expect(r.pooled.onsets).toBe(r.years.reduce((a, y) => a + y.onsets, 0));
    expect(r.pooled.top30).toBe(r.years.reduce((a, y) => a + y.top30, 0));
    // 30 countries: the top 30 holds every onset.
    expect(r.pooled.top30).toBe(r.pooled.onsets);
    expect(r.pooled.aucLow!).toBeLessThanOrEqual(r.pooled.auc!);
    expect(r.pooled.aucHigh!).toBeGreaterThanOrEqual(r.pooled.auc!);
  });
});
