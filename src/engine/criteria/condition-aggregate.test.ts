import { describe, expect, it } from "vitest";
import type { Fact } from "../evidence.js";
import { ConditionAggregate } from "./condition-aggregate.js";

let seq = 0;
function fact(day: number, knownDay: number, extra: Partial<Fact> = {}): Fact {
  return {
    seq: seq++,
    record: `r${seq}`,
    kind: "incident",
    scope: "XAA/g",
    mappings: ["m"],
    knownAt: "2000-01-01",
    knownDay,
    eventDay: "2000-01-01",
    day,
    tier: 2,
    sources: ["s1"],
    deaths: 10,
    civilianDeaths: 10,
    displaced: 0,
    events: 1,
    citations: [],
    ...extra,
  };
}

describe("ConditionAggregate", () => {
  it("counts a fact from the day it is known until its window closes", () => {
    const a = new ConditionAggregate(new Set(["m"]), 100, 30);
    a.add(fact(0, 5));
    a.advance(100);
    expect(a.view.deaths).toEqual([0, 0, 10]);
    a.advance(101);
    expect(a.view.deaths).toEqual([0, 0, 0]);
    expect(a.citable(101)).toEqual([]);
  });

  it("holds new evidence for 30 days after it is known, so no level falls within a month of it", () => {
    const a = new ConditionAggregate(new Set(["m"]), 100, 30);
    a.add(fact(0, 90)); // known 10 days before its window closes
    a.advance(119);
    expect(a.view.records[2]).toBe(1);
    a.advance(121);
    expect(a.view.records[2]).toBe(0);
  });

  it("never counts a late report of an event already out of the window (history, not news)", () => {
    const a = new ConditionAggregate(new Set(["m"]), 100, 30);
    a.add(fact(0, 500));
    a.advance(500);
    expect(a.view.records).toEqual([0, 0, 0]);
    expect(a.added).toBe(0);
  });

  it("replaces a record's fact on an upgrade, where it is counted", () => {
    const a = new ConditionAggregate(new Set(["m"]), 365, 30);
    a.add(fact(0, 0, { record: "x", tier: 0, sources: [], deaths: 4, mayUpgrade: true }));
    a.advance(10);
    expect(a.view.records).toEqual([1, 0, 0]);
    a.add(
      fact(0, 10, {
        record: "x",
        tier: 2,
        sources: ["s9"],
        primarySource: "s9",
        deaths: 4,
        previous: { tier: 0, sources: [], knownDay: 0 },
      }),
    );
    a.advance(11);
    expect(a.view.records).toEqual([0, 0, 1]);
    expect(a.view.deaths).toEqual([0, 0, 4]);
    expect([...a.view.sources.keys()]).toEqual(["s9"]);
    expect([...a.view.primaries.keys()]).toEqual(["s9"]);
    a.advance(366);
    expect(a.view.records).toEqual([0, 0, 0]);
    expect(a.view.deaths).toEqual([0, 0, 0]);
  });

  it("takes out on an upgrade only what was counted, and never shortens how long a record counts", () => {
    const a = new ConditionAggregate(new Set(["m"]), 100, 30);
    // Known on day 95: held until day 125 (hold), past its window's end (day 100).
    a.add(fact(0, 95, { record: "x", tier: 1, mayUpgrade: true }));
    a.add(fact(0, 95, { record: "y", tier: 1 }));
    // Upgraded on day 101, when its event is already out of the window: it keeps counting until day 125.
    a.advance(101);
    a.add(fact(0, 101, { record: "x", tier: 2, previous: { tier: 1, sources: ["s1"], knownDay: 95 } }));
    expect(a.view.records).toEqual([0, 1, 1]);
    a.advance(125);
    expect(a.view.records).toEqual([0, 1, 1]);
    a.advance(126);
    expect(a.view.records).toEqual([0, 0, 0]);
    // An upgrade of a record that never counted here (a late report) adds nothing and takes nothing out.
    const b = new ConditionAggregate(new Set(["m"]), 100, 30);
    b.add(fact(0, 10, { record: "z", tier: 1 }));
    b.add(fact(0, 500, { record: "w", tier: 0, mayUpgrade: true }));
    b.advance(50);
    b.add(fact(0, 501, { record: "w", tier: 2, previous: { tier: 0, sources: [], knownDay: 500 } }));
    expect(b.view.records).toEqual([0, 1, 0]);
  });

  it("forgets an upgradable record once it stops counting: its later upgrade changes nothing", () => {
    const a = new ConditionAggregate(new Set(["m"]), 100, 30);
    a.add(fact(0, 0, { record: "x", tier: 0, mayUpgrade: true })); // counts until day 100
    a.add(fact(90, 90, { record: "v", tier: 0, mayUpgrade: true })); // counts until day 190
    a.add(fact(150, 150, { record: "y", tier: 1 }));
    a.advance(150);
    expect(a.view.records).toEqual([1, 1, 0]);
    a.add(fact(0, 150, { record: "x", tier: 2, previous: { tier: 0, sources: [], knownDay: 0 } }));
    expect(a.view.records).toEqual([1, 1, 0]);
    // One still in its window is replaced as before.
    a.add(fact(90, 150, { record: "v", tier: 2, previous: { tier: 0, sources: [], knownDay: 90 } }));
    expect(a.view.records).toEqual([0, 1, 1]);
    a.advance(191);
    expect(a.view.records).toEqual([0, 1, 0]);
  });

  it("keeps standing evidence for ever, and its latest event day by tier", () => {
    const a = new ConditionAggregate(new Set(["m"]), null, 30);
    a.add(fact(5, 5));
    a.add(fact(50, 60));
    a.add(fact(70, 70, { tier: 0 }));
    a.advance(100_000);
    expect(a.view.records[2]).toBe(2);
    expect(a.maxEventDay).toEqual([70, Number.NEGATIVE_INFINITY, 50]);
  });

  it("counts only the mappings it reads as kinds, and cites each record once", () => {
    const a = new ConditionAggregate(new Set(["arms", "militia"]), 180, 30);
    a.add(fact(0, 0, { record: "a", mappings: ["arms", "other"] }));
    a.add(fact(0, 0, { record: "b", mappings: ["arms", "militia"] }));
    expect([...a.view.kinds.entries()]).toEqual([
      ["arms", [0, 0, 2]],
      ["militia", [0, 0, 1]],
    ]);
    expect(a.citable(0).map((r) => r.record)).toEqual(["b", "a"]);
  });

  it("holds memory by distinct days, not by facts", () => {
    const a = new ConditionAggregate(new Set(["m"]), 30, 0);
    for (let i = 0; i < 10_000; i += 1) a.add(fact(i % 5, i % 5, { record: `r${i}` }));
    a.advance(4);
    expect(a.view.records[2]).toBe(10_000);
    expect(a.citable(4).length).toBeLessThanOrEqual(6);
  });
});
