import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIDENCE } from "../confidence.js";
import { fact, group, plan } from "../../../test/engine/criteria-plan.fixture.js";
import type { Fact } from "../evidence.js";
import { CriteriaState } from "./criteria-state.js";
import { conditionScopes, decideLevel } from "./evaluate-criteria.js";

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
