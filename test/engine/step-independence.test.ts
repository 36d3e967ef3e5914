// Weekly and monthly replays date every level change to the day its evidence arrived, exactly as a daily one does.
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseBundle } from "../../src/domain/index.js";
import { assessedDates, replay, type ValidRulebook } from "../../src/engine/index.js";
import { caseAt, packageRulebook } from "./engine-cases.js";

let rulebook: ValidRulebook;
const cases: Record<string, CaseBundle> = {};

beforeAll(async () => {
  rulebook = await packageRulebook();
  cases["rwanda-1990-1994"] = await caseAt("cases/rwanda-1990-1994");
  cases["synthetic-xv"] = await caseAt("test/fixtures/cases/synthetic-xv");
});

describe("replay step independence", () => {
  for (const name of ["rwanda-1990-1994", "synthetic-xv"]) {
    it(`gives the same first date of each level at week, month and day steps on ${name}`, () => {
      const bundle = cases[name]!;
      const daily = replay(bundle, rulebook, { step: "day" });
      const weekly = replay(bundle, rulebook, { step: "week" });
      const monthly = replay(bundle, rulebook, { step: "month" });
      expect(Object.values(daily.firstDateByLevel).some((d) => d !== null)).toBe(true);
      expect(weekly.firstDateByLevel).toEqual(daily.firstDateByLevel);
      expect(monthly.firstDateByLevel).toEqual(daily.firstDateByLevel);
      expect(weekly.evaluation?.firstDateByLevel).toEqual(daily.evaluation?.firstDateByLevel);
      expect(monthly.steps).toBeLessThanOrEqual(weekly.steps);
      expect(weekly.steps).toBeLessThanOrEqual(daily.steps);
    });
  }

  it("counts every assessed day, step days and days on which records became known", () => {
    const bundle = cases["rwanda-1990-1994"]!;
    const weekly = replay(bundle, rulebook, { step: "week", trace: true });
    expect(weekly.trace?.length).toBe(weekly.steps);
  });
});

describe("assessedDates", () => {
  it("adds the known days in range to the step days, once each, in order", () => {
    expect(
      assessedDates("1994-01-01", "1994-01-15", "week", [
        "1994-01-03",
        "1993-12-31",
        "1994-01-08",
        "1994-01-03",
        "1994-02-01",
      ]),
    ).toEqual(["1994-01-01", "1994-01-03", "1994-01-08", "1994-01-15"]);
  });

  it("is the step days alone when nothing becomes known", () => {
    expect(assessedDates("1994-01-31", "1994-04-15", "month", [])).toEqual([
      "1994-01-31",
      "1994-02-28",
      "1994-03-31",
      "1994-04-15",
    ]);
  });
});
