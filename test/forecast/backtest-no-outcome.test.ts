import { describe, expect, it } from "vitest";
import { parseEwpText } from "../../src/datasets/ewp/ewp.reader.js";
import { syntheticEwpCsv } from "./synthetic-ewp.js";
import { elasticNetModel } from "../../src/forecast/models/elastic-net.model.js";
import { rollingBacktest } from "../../src/forecast/runs/backtest.js";
import { ForecastError } from "../../src/forecast/runs/forecast-error.js";

function table() {
  const r = parseEwpText(syntheticEwpCsv({ countries: 30, from: 1980, to: 2015 }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.table;
}

describe("rollingBacktest: base years without a known outcome", () => {
  const t = table();
  it("refuses, naming every such year, when no row of the years has an outcome at the horizon", () => {
    expect(() => rollingBacktest(t, elasticNetModel, { from: 2014, to: 2015, horizon: 2 })).toThrow(
      new ForecastError(
        "base years 2014, 2015 have no known outcome at horizon 2: nothing to score; choose base years whose " +
          "outcome 2 year(s) ahead is in the data",
        "no_known_outcome",
      ),
    );
  });
  it("names only the unknown years and fits nothing when part of the range is unknown", () => {
    let fitted = 0;
    const spy = {
      ...elasticNetModel,
      fit: (...a: Parameters<typeof elasticNetModel.fit>) => (fitted++, elasticNetModel.fit(...a)),
    };
    expect(() => rollingBacktest(t, spy, { from: 2013, to: 2015, horizon: 1 })).toThrow(
      /^base year 2015 has no known outcome at horizon 1/,
    );
    expect(fitted).toBe(0);
  });
});
