// The same rulebook on fictional cases with other countries and groups: it behaves sensibly with no change.
import { beforeAll, describe, expect, it } from "vitest";
import { levelRank, replay, type ValidRulebook } from "../../src/engine/index.js";
import { caseAt, packageRulebook } from "./engine-cases.js";

let rulebook: ValidRulebook;
beforeAll(async () => {
  rulebook = await packageRulebook();
});

describe("a case with only sporadic clashes and repression, no group attacked", () => {
  it("stays at elevated or below throughout", async () => {
    const bundle = await caseAt("test/fixtures/cases/synthetic-engine-clashes");
    const r = replay(bundle, rulebook, { step: "day" });
    expect(r.alerts.length).toBeGreaterThan(0);
    expect(r.alerts.every((a) => levelRank(a.level) <= levelRank("elevated"))).toBe(true);
    expect(r.firstDateByLevel).toMatchObject({ high: null, imminent: null, ongoing: null });
    // The repression of protesters harmed civilians: the country's civilians are a situation of their own.
    expect(r.final.map((a) => a.situation.id)).toEqual(["XCL/*", "XCL/morvani"]);
  });
});

describe("a case where preparation precedes the killing of a group", () => {
  it("is imminent during the preparation and ongoing only from the first mass killing", async () => {
    const bundle = await caseAt("test/fixtures/cases/synthetic-engine-preparation");
    const r = replay(bundle, rulebook, { step: "day" });
    const onset = bundle.manifest.evaluation!.onset!;
    const firstKilling = bundle.records.incident
      .filter((i) => i.targetGroup !== undefined && i.acts.includes("massacre"))
      .map((i) => i.knownAt)
      .sort()[0];
    expect(r.firstDateByLevel.imminent! < firstKilling!).toBe(true);
    expect(r.firstDateByLevel.ongoing).toBe(firstKilling);
    expect(r.evaluation?.leadTimeDays.ongoing).toBe(0);
    expect(r.evaluation?.leadTimeDays.imminent).toBeGreaterThan(90);
    expect(r.evaluation?.situations).toEqual([`XPR/${bundle.manifest.evaluation?.onsetGroup}`]);
    expect(onset).toBe(firstKilling);
  });

  it("notifies the roles of the playbook, never the perpetrators, and cites the protected source by id only", async () => {
    const bundle = await caseAt("test/fixtures/cases/synthetic-engine-preparation");
    const r = replay(bundle, rulebook, { step: "day" });
    const imminent = r.alerts.find((a) => a.level === "imminent");
    expect(imminent?.dutyBearers).toEqual(["pr-mission", "pr-dpo", "pr-council", "pr-neighbour"]);
    expect(imminent?.recommendedActions.map((a) => a.kind)).toContain("seize-arms");
    const text = JSON.stringify(r.alerts);
    expect(text).toContain("src-pr-informant");
    expect(text).not.toContain("Fictional Person");
    expect(text).not.toContain("fictional-contact");
  });
});

describe("the fictional case of another engineer", () => {
  it("runs unchanged and is ongoing at its declared onset, not before", async () => {
    const bundle = await caseAt("test/fixtures/cases/synthetic-xv");
    const r = replay(bundle, rulebook, { step: "day" });
    expect(r.firstDateByLevel.ongoing).toBe(bundle.manifest.evaluation?.onset);
    expect(r.firstDateByLevel.imminent! < r.firstDateByLevel.ongoing!).toBe(true);
  });
});
