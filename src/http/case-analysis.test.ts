import { describe, expect, it } from "vitest";
import { emptyRecords, type CaseBundle } from "../domain/index.js";
import { AnalysisCache, CaseAnalysis, CaseVersion } from "./case-analysis.js";

const bundle: CaseBundle = {
  manifest: {
    id: "tiny",
    title: "Tiny",
    region: "R",
    countries: ["AAA"],
    period: { from: "2000-01-01", to: "2000-12-31" },
    sides: [],
    escalationChain: [],
  },
  records: emptyRecords(),
};

describe("CaseAnalysis", () => {
  it("has no alerts, assessments or levels without a rulebook, and an empty ledger for an empty case", () => {
    const a = new CaseAnalysis(new CaseVersion(bundle, {}), "2000-12-31");
    expect(a.hasEngine).toBe(false);
    expect(a.alerts).toEqual([]);
    expect(a.assessments).toEqual([]);
    expect(a.levels).toEqual([]);
    expect(a.ledger().warnings).toEqual([]);
    expect(a.naming()).toBeUndefined();
    expect(a.timeline).toEqual([]);
  });

  it("computes each result once", () => {
    const a = new CaseAnalysis(new CaseVersion(bundle, {}), "2000-12-31");
    expect(a.ledger()).toBe(a.ledger());
    expect(a.accountability()).toBe(a.accountability());
  });

  it("the last day is the end of the period when no record is known later", () => {
    expect(new CaseVersion(bundle, {}).lastDay).toBe("2000-12-31");
  });
});

describe("AnalysisCache", () => {
  it("keeps the most recently used entries and evicts the oldest", () => {
    const cache = new AnalysisCache(2);
    const v = new CaseVersion(bundle, {});
    let made = 0;
    const make = (day: string) => () => {
      made += 1;
      return new CaseAnalysis(v, day);
    };
    const a = cache.get("a", make("2000-01-01"));
    cache.get("b", make("2000-01-02"));
    expect(cache.get("a", make("x"))).toBe(a); // hit; "a" is now the most recent
    cache.get("c", make("2000-01-03")); // evicts "b"
    expect(made).toBe(3);
    cache.get("b", make("2000-01-02"));
    expect(made).toBe(4);
    expect(cache.get("a", make("y"))).not.toBe(a); // "a" was evicted by "b"
  });
});
