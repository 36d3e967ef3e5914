import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fact, group, plan } from "../../../test/engine/criteria-plan.fixture.js";
import { DEFAULT_CONFIDENCE } from "../confidence.js";
import { dayOfNumber } from "../day-number.js";
import type { Tier } from "../confidence.js";
import { CriteriaState } from "./criteria-state.js";
import { DecisionMemo } from "./decision-memo.js";
import { decideLevel, decideLevelOnly } from "./evaluate-criteria.js";
import { restampDecision } from "./restamp-decision.js";

const START = 10_957; // 2000-01-01

/** One fact of a generated history: the day it becomes known, how old its event is, and what it says. */
const arbFact = fc.record({
  knownOffset: fc.integer({ min: 0, max: 700 }),
  lag: fc.integer({ min: 0, max: 400 }),
  mappings: fc.subarray(["v", "o", "arms", "militia", "k"], { minLength: 1 }),
  scope: fc.constantFrom("XAA/g", "XAA/*", "*"),
  tier: fc.constantFrom<Tier>(0, 1, 2),
  deaths: fc.integer({ min: 0, max: 900 }),
  source: fc.constantFrom("s1", "s2", "s3"),
});

describe("DecisionMemo", () => {
  it("decides every day exactly as judging the criteria afresh, whatever arrives and lapses", () => {
    fc.assert(
      fc.property(fc.array(arbFact, { maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (facts, stride) => {
        const p = plan();
        const state = new CriteriaState(p, 30);
        const memo = new DecisionMemo(p, DEFAULT_CONFIDENCE, state);
        const byDay = [...facts].sort((a, b) => a.knownOffset - b.knownOffset);
        let next = 0;
        for (let day = START; day <= START + 800; day += stride) {
          for (; next < byDay.length && START + (byDay[next]?.knownOffset ?? 0) <= day; next += 1) {
            const f = byDay[next]!;
            const known = START + f.knownOffset;
            state.add(
              fact([...f.mappings].sort(), {
                record: `r${next}`,
                scope: f.scope,
                knownDay: known,
                knownAt: dayOfNumber(known),
                day: known - f.lag,
                eventDay: dayOfNumber(known - f.lag),
                tier: f.tier,
                deaths: f.deaths,
                sources: [f.source],
                primarySource: f.source,
              }),
            );
          }
          state.advance(day);
          const date = dayOfNumber(day);
          const fresh = decideLevel(p, DEFAULT_CONFIDENCE, group, state, day, date);
          expect(memo.level(group)).toBe(fresh.level);
          expect(decideLevelOnly(p, DEFAULT_CONFIDENCE, group, state)).toBe(fresh.level);
          expect(memo.decision(group, day, date)).toEqual(fresh);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("re-dates the remembered decision while the evidence stands, and judges again once it lapses", () => {
    const p = plan();
    const state = new CriteriaState(p, 30);
    const memo = new DecisionMemo(p, DEFAULT_CONFIDENCE, state);
    // An organised killing with a 365-day window: high until it leaves the window.
    state.add(fact(["o"], { knownDay: START, day: START, tier: 1 }));
    state.advance(START + 10);
    const first = memo.decision(group, START + 10, dayOfNumber(START + 10));
    expect(first.level).toBe("high");
    const version = state.version("XAA/g");
    state.advance(START + 20);
    expect(state.version("XAA/g")).toBe(version); // nothing lapsed: the same evidence
    const later = memo.decision(group, START + 20, dayOfNumber(START + 20));
    expect(later).not.toBe(first);
    expect(later).toEqual(
      decideLevel(p, DEFAULT_CONFIDENCE, group, state, START + 20, dayOfNumber(START + 20)),
    );
    const window = later.met[0]?.conditions[0]?.window;
    expect(window).toEqual({ from: dayOfNumber(START + 20 - 365), to: dayOfNumber(START + 20) });
    // Past the window (and the 30-day hold): the bucket expires, the version moves, the level falls.
    state.advance(START + 366);
    expect(state.version("XAA/g")).toBeGreaterThan(version);
    expect(memo.level(group)).toBe("none");
    expect(memo.decision(group, START + 366, dayOfNumber(START + 366))).toEqual(
      decideLevel(p, DEFAULT_CONFIDENCE, group, state, START + 366, dayOfNumber(START + 366)),
    );
  });

  it("moves a scope's version when evidence is added to it, not when another scope's is", () => {
    const state = new CriteriaState(plan(), 30);
    expect(state.version("XAA/g")).toBe(0);
    state.add(fact(["v"], { scope: "XBB/*" }));
    expect(state.version("XAA/g")).toBe(0);
    state.add(fact(["v"], { scope: "XAA/g" }));
    expect(state.version("XAA/g")).toBe(1);
    state.add(fact(["unmapped"], { scope: "XAA/g" }));
    expect(state.version("XAA/g")).toBe(1);
  });
});

describe("restampDecision", () => {
  it("leaves a decision on its own day as it is, and moves only windows and reasons to another", () => {
    const p = plan();
    const state = new CriteriaState(p, 30);
    state.add(fact(["o"], { knownDay: START, day: START }));
    state.advance(START + 5);
    const d = decideLevel(p, DEFAULT_CONFIDENCE, group, state, START + 5, dayOfNumber(START + 5));
    expect(restampDecision(d, dayOfNumber(START + 5))).toEqual(d);
    const moved = restampDecision(d, dayOfNumber(START + 6));
    expect(moved.level).toBe(d.level);
    expect(moved.met[0]?.conditions[0]?.records).toBe(d.met[0]?.conditions[0]?.records);
    expect(moved.reasons.join("\n")).toContain(`from ${dayOfNumber(START + 6 - 365)}`);
  });
});
