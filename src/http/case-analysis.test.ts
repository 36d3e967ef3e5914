import { describe, expect, it } from "vitest";
import { emptyRecords, type CaseBundle } from "../domain/index.js";
import { CaseAnalysis, CaseVersion } from "./case-analysis.js";

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
