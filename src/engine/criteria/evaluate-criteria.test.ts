import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIDENCE } from "../confidence.js";
import type { Fact } from "../evidence.js";
import type { CriterionRule } from "../rulebook.js";
import { conditionKey, type CriteriaPlan } from "./criteria-plan.js";
import { CriteriaState } from "./criteria-state.js";
import { conditionScopes, decideLevel } from "./evaluate-criteria.js";

const criteria: CriterionRule[] = [
  {
    id: "e",
    level: "elevated",
    text: "any violation",
    conditions: [{ id: "c", text: "one", mappings: ["v"], confidence: "possible" }],
  },
  {
    id: "h",
    level: "high",
    text: "organised violence in 365 days",
    conditions: [{ id: "c", text: "one probable", mappings: ["o"], withinDays: 365 }],
  },
  {
    id: "i",
    level: "imminent",
    text: "two kinds of preparation",
    requires: "high",
    conditions: [
      {
        id: "p",
        text: "kinds",
        mappings: ["arms", "militia"],
        scope: "country",
        withinDays: 180,
        measure: "kinds",
        min: 2,
      },
    ],
  },
  {
    id: "o",
    level: "ongoing",
    text: "1000 deaths, confirmed",
    conditions: [
      {
        id: "t",
        text: "toll",
        mappings: ["k"],
        withinDays: 365,
        measure: "deaths",
        min: 1000,
        confidence: "confirmed",
      },
    ],
  },
];

function plan(): CriteriaPlan {
  const aggregates = new Map<string, { mappings: string[]; withinDays: number | null }>();
  for (const c of criteria)
    for (const d of c.conditions) {
      const w = d.withinDays ?? null;
      aggregates.set(conditionKey(d.mappings, w), { mappings: [...d.mappings].sort(), withinDays: w });
    }
  const aggregatesOfMapping = new Map<string, string[]>();
  for (const [k, a] of aggregates)
    for (const m of a.mappings) aggregatesOfMapping.set(m, [...(aggregatesOfMapping.get(m) ?? []), k]);
  return {
    aggregates,
    aggregatesOfMapping,
    levelsTopDown: (["ongoing", "imminent", "high", "elevated"] as const).map((level) => ({
      level,
      criteria: criteria.filter((c) => c.level === level),
    })),
  };
}

let seq = 0;
const fact = (mappings: string[], extra: Partial<Fact> = {}): Fact => ({
  primarySource: (extra.sources ?? ["s1"])[0],
  seq: seq++,
  record: `r${seq}`,
  kind: "incident",
  scope: "XAA/g",
  mappings,
  knownAt: "2000-01-10",
  knownDay: 10,
  eventDay: "2000-01-10",
  day: 10,
  tier: 1,
  sources: ["s1"],
  deaths: 0,
  civilianDeaths: 0,
  displaced: 0,
  events: 1,
  citations: [{ source: "s1", locator: "p. 1" }],
  ...extra,
});

const group = { id: "XAA/g", country: "XAA", group: "g" };

function decide(facts: Fact[], day = 20) {
  const p = plan();
  const state = new CriteriaState(p, 30);
  for (const f of facts) state.add(f);
  state.advance(day);
  return decideLevel(p, DEFAULT_CONFIDENCE, group, state, day, "2000-01-20");
}

describe("decideLevel", () => {
  it("is none without evidence, and says what the next level lacks", () => {
    const d = decide([]);
    expect(d.level).toBe("none");
    expect(d.next?.id).toBe("e");
  });

  it("takes an allegation for elevated, not for high", () => {
    const d = decide([fact(["v", "o"], { tier: 0 })]);
    expect(d.level).toBe("elevated");
    expect(d.next?.conditions[0]).toMatchObject({ met: false, value: 0, required: "probable" });
  });

  it("lets two independent allegations converge to probable", () => {
    const d = decide([fact(["o"], { tier: 0, sources: ["a"] }), fact(["o"], { tier: 0, sources: ["b"] })]);
    expect(d.level).toBe("high");
    expect(d.met[0]?.conditions[0]).toMatchObject({ value: 2, confidence: "probable", total: 2 });
  });

  it("does not let two allegations from one source converge", () => {
    const d = decide([fact(["o"], { tier: 0, sources: ["a"] }), fact(["o"], { tier: 0, sources: ["a"] })]);
    expect(d.level).toBe("none");
  });

  it("holds imminent only where high holds (it requires it), reading country-wide preparation", () => {
    const prep = [fact(["arms"], { scope: "XAA/*" }), fact(["militia"], { scope: "XAA/*" })];
    expect(decide(prep).level).toBe("none");
    const d = decide([...prep, fact(["o"])]);
    expect(d.level).toBe("imminent");
    expect(d.met[0]?.conditions[0]).toMatchObject({ measure: "kinds", value: 2 });
  });

  it("reports the criterion that requires a lower level that does not hold", () => {
    const d = decide([
      fact(["arms"], { scope: "XAA/*" }),
      fact(["militia"], { scope: "XAA/*" }),
      fact(["v"], { tier: 0 }),
    ]);
    expect(d.level).toBe("elevated");
  });

  it("counts a toll only at the confidence asked: convergence never lifts a count of victims", () => {
    const probable = [
      fact(["k"], { deaths: 600, sources: ["a"] }),
      fact(["k"], { deaths: 600, sources: ["b"] }),
    ];
    const d = decide(probable);
    expect(d.level).toBe("none");
    const toll = d.next === null ? undefined : d.next.conditions[0];
    expect(d.next?.id).toBe("e");
    expect(toll).toMatchObject({ met: false });
    const confirmed = [fact(["k"], { deaths: 600, tier: 2 }), fact(["k"], { deaths: 600, tier: 2 })];
    const c = decide(confirmed);
    expect(c.level).toBe("ongoing");
    expect(c.met[0]?.conditions[0]).toMatchObject({ value: 1200, confidence: "confirmed" });
  });

  it("counts one primary source per record: one record citing two sources does not converge", () => {
    const one = [fact(["o"], { tier: 0, sources: ["a", "b"], primarySource: "a" })];
    expect(decide(one).level).toBe("none");
    const unsourced = [
      fact(["o"], { tier: 0, sources: [], primarySource: undefined }),
      fact(["o"], { tier: 0, sources: [], primarySource: undefined }),
    ];
    expect(decide(unsourced).level).toBe("none");
  });

  it("reads a group's own evidence, and the country's only where a condition says so", () => {
    expect(conditionScopes(group, undefined)).toEqual(["XAA/g"]);
    expect(conditionScopes(group, "country")).toEqual(["XAA/g", "XAA/*"]);
    expect(conditionScopes({ id: "XAA/*", country: "XAA" }, "any")).toEqual(["XAA/*", "*"]);
    // Violence against civilians of the country with no group named does not make the group high.
    expect(decide([fact(["o"], { scope: "XAA/*" })]).level).toBe("none");
  });
});
