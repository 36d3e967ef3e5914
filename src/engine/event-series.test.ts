import { describe, expect, it } from "vitest";
import type { Incident } from "../domain/index.js";
import { aggregateIndicators, incidentMonth, monthLabel } from "./event-series.js";

function incident(
  id: string,
  day: string,
  country: string,
  fatalities: number,
  acts: Incident["acts"] = ["attack-on-civilians"],
  extra: Partial<Incident> = {},
): Incident {
  return {
    id,
    occurredAt: { from: day, to: day, precision: "day" },
    knownAt: day,
    citations: [{ source: "s", locator: "row 1" }],
    summary: id,
    acts,
    place: { country, admin1: "North" },
    perpetrators: [],
    fatalities: { best: fatalities },
    organised: "unknown",
    stateInvolvement: "unknown",
    ...extra,
  };
}

describe("aggregateIndicators", () => {
  it("counts one-sided events and fatalities per country and admin1 per month, with zero months filled", () => {
    const series = aggregateIndicators([
      incident("a", "2022-01-05", "SDN", 3),
      incident("b", "2022-01-20", "SDN", 2),
      incident("c", "2022-03-02", "SDN", 0),
      incident("d", "2022-03-02", "SDN", 9, ["armed-clash"]),
    ]);
    expect(series.map((s) => s.situation)).toEqual([{ country: "SDN" }, { country: "SDN", admin1: "North" }]);
    expect(series[0]?.points).toEqual([
      { month: "2022-01", events: 2, fatalities: 5 },
      { month: "2022-02", events: 0, fatalities: 0 },
      { month: "2022-03", events: 1, fatalities: 0 },
    ]);
  });

  it("compares a month with the trailing window: ratio (add-one) and z-score", () => {
    // Six quiet months with 1 event each, then 7 events: mean 1, sd 0 → no z-score, ratio (7+1)/(1+1) = 4.
    const quiet = ["01", "02", "03", "04", "05", "06"].map((m) =>
      incident(`q${m}`, `2021-${m}-10`, "MMR", 1),
    );
    const burst = Array.from({ length: 7 }, (_, i) => incident(`b${i}`, "2021-07-10", "MMR", 2));
    const [country] = aggregateIndicators([...quiet, ...burst], { admin1: false });
    const last = country?.points.at(-1);
    expect(last).toEqual({
      month: "2021-07",
      events: 7,
      fatalities: 14,
      eventsRatio: 4,
      fatalitiesRatio: 7.5,
    });
    // Months before six months of history carry no comparison.
    expect(country?.points[5]).toEqual({ month: "2021-06", events: 1, fatalities: 1 });
  });

  it("uses the z-score when the past varies, counts aggregates by their event number, and honours asOf", () => {
    const past = [1, 2, 1, 2, 1, 2]
      .map((n, i) =>
        Array.from({ length: n }, (_, k) => incident(`p${i}${k}`, `2020-0${i + 1}-15`, "CAF", 0)),
      )
      .flat();
    const agg = incident("agg", "2020-07-01", "CAF", 4, ["attack-on-civilians"], {
      eventCount: 5,
      knownAt: "2020-07-31",
    });
    const [s] = aggregateIndicators([...past, agg], { admin1: false });
    // Trailing mean 1.5, sample sd sqrt(6 × 0.25 / 5) = sqrt(0.3): z = (5 − 1.5) / sqrt(0.3).
    expect(s?.points.at(-1)?.events).toBe(5);
    expect(s?.points.at(-1)?.eventsZ).toBeCloseTo(3.5 / Math.sqrt(0.3), 10);
    const [asOf] = aggregateIndicators([...past, agg], { admin1: false, asOf: "2020-07-30" });
    expect(asOf?.points.at(-1)?.month).toBe("2020-06");
  });

  it("counts eventCount, never a number in free-text notes", () => {
    const noted = incident("n", "2020-01-10", "CAF", 0, ["killing"], {
      notes: "aggregate of 500 events reported by a local monitor",
    });
    const counted = incident("c", "2020-01-11", "CAF", 0, ["killing"], { eventCount: 7 });
    const [s] = aggregateIndicators([noted, counted], { admin1: false });
    expect(s?.points).toEqual([{ month: "2020-01", events: 8, fatalities: 0 }]);
  });

  it("counts an incident in the month of the midpoint of its occurredAt", () => {
    // ACLED time precision 2: 2022-07-02 ± 3 days starts in June but is an event of July.
    const plusMinus3 = incident("a", "2022-06-29", "SDN", 1, ["killing"], {
      occurredAt: { from: "2022-06-29", to: "2022-07-05", precision: "range" },
      knownAt: "2022-07-10",
    });
    expect(monthLabel(incidentMonth(plusMinus3))).toBe("2022-07");
    const [s] = aggregateIndicators([plusMinus3], { admin1: false });
    expect(s?.points.map((p) => p.month)).toEqual(["2022-07"]);
    const at = (from: string, to: string) =>
      monthLabel(incidentMonth({ ...plusMinus3, occurredAt: { from, to, precision: "range" } }));
    // A whole month, a day, a two-month span (61 days: the 30th day after the start is 31 December).
    expect(at("2022-02-01", "2022-02-28")).toBe("2022-02");
    expect(at("2022-02-28", "2022-02-28")).toBe("2022-02");
    expect(at("1992-12-01", "1993-01-31")).toBe("1992-12");
    expect(at("2022-01-31", "2022-02-01")).toBe("2022-01");
    expect(at("2021-10-01", "2022-03-31")).toBe("2021-12");
  });

  it("returns no series for no incidents", () => {
    expect(aggregateIndicators([])).toEqual([]);
  });
});
