import { describe, expect, it } from "vitest";
import { actor, bundle, group, incident, source, tinyRulebook } from "../../test/engine/tiny.js";
import { alertToWarning } from "./alert.js";
import type { Assessment } from "./assessment.js";
import { assess } from "./assess.js";
import { replay, stepDates } from "./replay.js";

const rb = tinyRulebook();
const ardani = group("g-ard", "Ardani", ["ZZA"]);
const records = {
  source: [source("s-a1", "A1", "2000-01-01"), source("s-inf", "C2", "2000-01-01", true)],
  group: [ardani],
  actor: [
    actor("mission", ["mission-on-ground"]),
    actor("council", ["security-council"]),
    actor("late-mission", ["mission-on-ground"], "2000-12-01"),
    actor("army", ["mission-on-ground", "perpetrator"]),
  ],
  incident: [
    incident("i-arms", ["arms-cache"], "2000-03-01", ["s-inf"], { targetGroup: "g-ard" }),
    incident("i-militia", ["militia-training"], "2000-03-02", ["s-a1"], { targetGroup: "g-ard" }),
    incident("i-kill", ["massacre"], "2000-03-03", ["s-a1"], {
      targetGroup: "g-ard",
      fatalities: { best: 40 },
    }),
    incident("i-wave", ["massacre"], "2000-03-10", ["s-a1"], {
      targetGroup: "g-ard",
      fatalities: { best: 500 },
    }),
  ],
};

describe("stepDates", () => {
  it("steps by day, week and month and always ends on the last day", () => {
    expect(stepDates("2000-01-30", "2000-02-02", "day")).toEqual([
      "2000-01-30",
      "2000-01-31",
      "2000-02-01",
      "2000-02-02",
    ]);
    expect(stepDates("2000-01-01", "2000-01-20", "week")).toEqual([
      "2000-01-01",
      "2000-01-08",
      "2000-01-15",
      "2000-01-20",
    ]);
    expect(stepDates("1994-01-31", "1994-04-15", "month")).toEqual([
      "1994-01-31",
      "1994-02-28",
      "1994-03-31",
      "1994-04-15",
    ]);
  });

  it("gives no step for an empty period", () => {
    expect(stepDates("2000-02-01", "2000-01-01", "day")).toEqual([]);
  });
});

describe("replay", () => {
  const result = replay(bundle(records, { onset: "2000-03-10", onsetGroup: "g-ard" }), rb, {
    step: "day",
    trace: true,
  });

  it("raises an alert on each change of level, in order", () => {
    // 03-01: C2 arms, 0.675 → P1 5 × 0.4908 = 2.45. 03-03: the killing adds T1 (targeting) to two preparation
    // indicators: imminent. 03-10: 540 deaths within 7 days: ongoing. 03-18: the wave is 8 days old and P1 has
    // decayed below presence: high. Then decay alone brings it down.
    expect(result.alerts.map((a) => [a.date, a.previousLevel, a.level, a.score])).toEqual([
      ["2000-03-01", "none", "elevated", 2.45],
      ["2000-03-03", "elevated", "imminent", 13.68],
      ["2000-03-10", "imminent", "ongoing", 13.2],
      ["2000-03-18", "ongoing", "high", 7.45],
      ["2000-03-24", "high", "elevated", 4.58],
      ["2000-04-08", "elevated", "none", 0],
    ]);
    expect(result.steps).toBe(366);
    expect(result.firstDateByLevel).toEqual({
      elevated: "2000-03-01",
      high: "2000-03-03",
      imminent: "2000-03-03",
      ongoing: "2000-03-10",
    });
  });

  it("scores the lead time of each level before the declared onset", () => {
    expect(result.evaluation).toEqual({
      onset: "2000-03-10",
      situations: ["ZZA/g-ard"],
      firstDateByLevel: {
        elevated: "2000-03-01",
        high: "2000-03-03",
        imminent: "2000-03-03",
        ongoing: "2000-03-10",
      },
      leadTimeDays: { elevated: 9, high: 7, imminent: 7, ongoing: 0 },
    });
  });

  it("gives no evaluation when the case declares no onset", () => {
    expect(replay(bundle(records), rb, { step: "month" }).evaluation).toBeNull();
  });

  it("agrees exactly with a full assessment on every step", () => {
    let previous: readonly Assessment[] = [];
    for (const step of result.trace ?? []) {
      const full = assess(bundle(records), rb, step.date, previous);
      expect(step.assessments).toEqual(full);
      previous = full;
    }
    expect(result.trace?.length).toBe(366);
  });

  it("names duty-bearers by role among actors known on the day, never a perpetrator", () => {
    const imminent = result.alerts.find((a) => a.level === "imminent");
    expect(imminent?.dutyBearers).toEqual(["mission", "council"]);
    expect(imminent?.recommendedActions).toEqual([
      { kind: "seize-arms", description: "seize the arms", dueAt: "2000-03-05" },
      { kind: "protect-informant", description: "protect the informant", dueAt: "2000-03-04" },
    ]);
    expect(result.alerts.find((a) => a.level === "high")?.dutyBearers).toEqual(["mission"]);
  });

  it("cites its evidence, newest first, and a confidential source by id only", () => {
    const imminent = result.alerts.find((a) => a.level === "imminent");
    expect(imminent?.evidence.map((e) => [e.record, e.indicators, e.grade])).toEqual([
      ["i-kill", ["T1"], "A1"],
      ["i-arms", ["P1"], "C2"],
      ["i-militia", ["P2"], "A1"],
    ]);
    expect(imminent?.evidence[1]?.citations).toEqual([{ source: "s-inf", locator: "p. i-arms" }]);
    expect(JSON.stringify(result.alerts)).not.toContain("Secret Name");
  });

  it("turns an alert into an engine warning asking for the playbook's actions", () => {
    const imminent = result.alerts.find((a) => a.level === "imminent");
    if (!imminent) throw new Error("no imminent alert");
    expect(alertToWarning(imminent)).toEqual({
      id: "alert-zza-g-ard-2000-03-03-imminent",
      occurredAt: { from: "2000-03-03", to: "2000-03-03", precision: "day" },
      knownAt: "2000-03-03",
      citations: [
        { source: "s-a1", locator: "p. i-kill" },
        { source: "s-inf", locator: "p. i-arms" },
        { source: "s-a1", locator: "p. i-militia" },
      ],
      sender: "tocsin-engine",
      recipients: ["mission", "council"],
      channel: "alert",
      summary: "Risk of atrocity crimes against Ardani in ZZA rose to imminent (was elevated); score 13.68.",
      targetGroup: "g-ard",
      country: "ZZA",
      requestedActions: [
        {
          id: "alert-zza-g-ard-2000-03-03-imminent-a1",
          kind: "seize-arms",
          description: "seize the arms",
          dueAt: "2000-03-05",
        },
        {
          id: "alert-zza-g-ard-2000-03-03-imminent-a2",
          kind: "protect-informant",
          description: "protect the informant",
          dueAt: "2000-03-04",
        },
      ],
      evidence: ["i-kill", "i-arms", "i-militia"],
      origin: "engine",
    });
  });

  it("replays an empty case without alerts", () => {
    const r = replay(bundle({}), rb, { step: "week" });
    expect(r.alerts).toEqual([]);
    expect(r.firstDateByLevel).toEqual({ elevated: null, high: null, imminent: null, ongoing: null });
    expect(r.final).toEqual([]);
  });
});
