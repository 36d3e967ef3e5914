import { describe, expect, it } from "vitest";
import { bundle, capability, mandate, response } from "../../../test/analysis/helpers/bundle.js";
import type { LevelSpan } from "../level-span.js";
import { buildGaps } from "./gaps.js";

const levels: LevelSpan[] = [
  { situation: "XVL/g", level: "elevated", from: "1993-01-01", to: "1993-09-30", country: "XVL" },
  { situation: "XVL/g", level: "high", from: "1993-10-01", to: "1994-04-06", country: "XVL" },
  { situation: "XVL/g", level: "ongoing", from: "1994-04-07", to: "1994-07-15", country: "XVL" },
  { situation: "XVL/g", level: "none", from: "1994-07-16", country: "XVL" },
];

describe("buildGaps", () => {
  it("flags a mandate in force at high risk or above without protection of civilians", () => {
    const b = bundle({
      mandate: [
        mandate("m1", "1993-10-05", { mission: "mission-a", endedAt: "1994-05-16", country: "XVL" }),
        mandate("m2", "1994-05-17", {
          mission: "mission-b",
          deployedAt: "1994-06-08",
          tasks: [{ text: "protect civilians at risk", category: "protection-of-civilians" }],
        }),
        mandate("m0", "1992-01-01", { endedAt: "1992-12-31" }),
      ],
    });
    const g = buildGaps(b, { asOf: "1994-12-31", levels });
    expect(
      g.mandates.map((m) => [
        m.mandate,
        m.gap,
        m.protectsCivilians,
        m.atRisk?.from,
        m.atRisk?.to,
        m.atRisk?.maxLevel,
        m.atRisk?.days,
      ]),
    ).toEqual([
      ["m0", false, false, undefined, undefined, undefined, undefined],
      ["m1", true, false, "1993-10-05", "1994-05-16", "ongoing", 224],
      ["m2", false, true, "1994-05-17", "1994-07-15", "ongoing", 60],
    ]);
    expect(g.deploymentDelays).toEqual([
      {
        mandate: "m2",
        mission: "mission-b",
        missionName: "mission-b",
        decidedAt: "1994-05-17",
        deployedAt: "1994-06-08",
        days: 22,
        levelAtDecision: "ongoing",
      },
    ]);
  });

  it("flags forces within reach tasked with evacuation only while atrocities were ongoing, not estimates", () => {
    const b = bundle({
      capability: [
        capability("c1", "1994-04-09/1994-04-15", {
          force: "elite",
          size: 1000,
          sizeApproximate: true,
          timeToReachHours: 0.33,
        }),
        capability("c2", "1994-04-07/1994-04-21", {
          force: "needed",
          size: 5000,
          hypothetical: true,
          tasking: "protection-of-civilians",
        }),
        capability("c3", "1993-02-01/1993-02-10", { force: "early", tasking: "standby" }),
      ],
    });
    const g = buildGaps(b, { asOf: "1994-12-31", levels });
    expect(
      g.capabilities.map((c) => [c.capability, c.gap, c.tasking, c.atRisk?.maxLevel, c.atRisk?.days]),
    ).toEqual([
      ["c3", false, "standby", undefined, undefined],
      ["c2", false, "protection-of-civilians", "ongoing", 15],
      ["c1", true, "evacuation-only", "ongoing", 7],
    ]);
  });

  it("lists reductions and withdrawals made while the level was ongoing", () => {
    const b = bundle({
      response: [
        response("r1", "1994-04-21", {
          kind: "reduction",
          actor: "council",
          summary: "reduced to a token force",
        }),
        response("r2", "1994-03-01", { kind: "withdrawal", actor: "council" }),
      ],
      capability: [capability("c1", "1994-04-10", { tasking: "withdrawn", owner: "state-b" })],
    });
    expect(
      buildGaps(b, { asOf: "1994-12-31", levels }).drawdowns.map((d) => [d.record, d.what, d.at]),
    ).toEqual([
      ["c1", "withdrawn", "1994-04-10"],
      ["r1", "reduction", "1994-04-21"],
    ]);
  });

  it("finds nothing without a level timeline or without records", () => {
    const b = bundle({ mandate: [mandate("m1", "1993-10-05")] });
    const m = buildGaps(b, { asOf: "1994-12-31", levels: [] }).mandates[0];
    expect(m?.gap).toBe(false);
    expect(m && "atRisk" in m).toBe(false);
    expect(buildGaps(bundle(), { asOf: "1994-12-31", levels })).toEqual({
      asOf: "1994-12-31",
      mandates: [],
      capabilities: [],
      deploymentDelays: [],
      drawdowns: [],
    });
  });

  it("leaves a mandate whose tasks are not known undetermined (gap null), not a gap", () => {
    const b = bundle({
      mandate: [
        mandate("m1", "1993-10-05", { tasks: [], tasksKnown: false, endedAt: "1994-05-16" }),
        mandate("m2", "1994-05-17", {
          tasks: [{ text: "protect civilians", category: "protection-of-civilians" }],
          tasksKnown: false,
        }),
        mandate("m0", "1992-01-01", { tasks: [], tasksKnown: false, endedAt: "1992-12-31" }),
      ],
    });
    expect(
      buildGaps(b, { asOf: "1994-12-31", levels }).mandates.map((m) => [
        m.mandate,
        m.gap,
        m.protectsCivilians,
        m.taskCategories,
      ]),
    ).toEqual([
      // Never at high risk: no gap to determine.
      ["m0", false, null, []],
      ["m1", null, null, []],
      // A protection task that is listed counts even when the list is said to be incomplete.
      ["m2", false, true, ["protection-of-civilians"]],
    ]);
  });

  it("does not match spans of another country", () => {
    const b = bundle({ mandate: [mandate("m1", "1993-10-05", { country: "ABC" })] });
    expect(buildGaps(b, { asOf: "1994-12-31", levels }).mandates[0]?.gap).toBe(false);
  });
});

describe("buildGaps with missing input", () => {
  it("leaves out of the delays a mandate whose deployment is not recorded or comes after the as-of day", () => {
    const b = bundle({
      mandate: [mandate("m1", "1994-05-17"), mandate("m2", "1994-05-17", { deployedAt: "1994-06-08" })],
    });
    expect(buildGaps(b, { asOf: "1994-06-01", levels }).deploymentDelays).toEqual([]);
    expect(buildGaps(b, { asOf: "1994-06-08", levels }).deploymentDelays.map((d) => d.mandate)).toEqual([
      "m2",
    ]);
  });
});
