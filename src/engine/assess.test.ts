import { describe, expect, it } from "vitest";
import { bundle, group, incident, source, tinyRulebook } from "../../test/engine/tiny.js";
import { assess } from "./assess.js";

const rb = tinyRulebook();
const sources = [source("s-a1", "A1", "2000-01-01"), source("s-f6", "F6", "2000-01-01")];
const ardani = group("g-ard", "Ardani", ["ZZA"]);

describe("assess", () => {
  it("returns no assessment for an empty case", () => {
    expect(assess(bundle({}), rb, "2000-06-01")).toEqual([]);
  });

  it("assesses a known group with no evidence at level none", () => {
    const [a, ...rest] = assess(bundle({ group: [ardani] }), rb, "2000-06-01");
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      situation: { id: "ZZA/g-ard", country: "ZZA", group: "g-ard", groupName: "Ardani" },
      level: "none",
      score: 0,
    });
    expect(a?.factors).toEqual([]);
    expect(a?.indicators).toEqual([]);
    expect(a?.stage).toBeNull();
  });

  it("ignores records not yet known on the day (missing input)", () => {
    const late = incident("i1", ["massacre"], "2000-03-01", ["s-a1"], {
      targetGroup: "g-ard",
      knownAt: "2000-04-01",
    });
    const [a] = assess(bundle({ source: sources, group: [ardani], incident: [late] }), rb, "2000-03-15");
    expect(a?.score).toBe(0);
    expect(a?.level).toBe("none");
  });

  it("scores one A1 killing of a group at weight × (1 − e⁻¹) and calls it high", () => {
    const kill = incident("i1", ["massacre"], "2000-03-01", ["s-a1"], {
      targetGroup: "g-ard",
      fatalities: { best: 50 },
    });
    const [a] = assess(bundle({ source: sources, group: [ardani], incident: [kill] }), rb, "2000-03-01");
    expect(a?.score).toBe(6.32);
    expect(a?.level).toBe("high");
    expect(a?.factors).toEqual([{ factor: "F2", name: "Group", score: 6.32 }]);
    expect(a?.indicators.map((i) => [i.indicator, i.strength, i.points])).toEqual([["T1", 0.6321, 6.32]]);
    expect(a?.indicators[0]?.evidence).toEqual([
      {
        record: "i1",
        kind: "incident",
        mapping: "kill",
        knownAt: "2000-03-01",
        eventDay: "2000-03-01",
        grade: "A1",
        weight: 1,
        citations: [{ source: "s-a1", locator: "p. i1" }],
      },
    ]);
    expect(a?.stage).toEqual({ id: "persecution", name: "Persecution", index: 2 });
    expect(a?.reasons).toEqual([
      "high (rule high): score 6.32 ≥ 5; targeting: 1 indicator(s) present (T1), needs 1",
      "not imminent: preparation: 0 indicator(s) present, needs 2",
    ]);
  });

  it("halves the evidence after one half-life", () => {
    const kill = incident("i1", ["massacre"], "2000-03-01", ["s-a1"], { targetGroup: "g-ard" });
    const [a] = assess(bundle({ source: sources, group: [ardani], incident: [kill] }), rb, "2000-03-11");
    // mass 0.5 → strength 1 − e^−0.5 = 0.3935 → 3.93 points: below high's 5.
    expect(a?.score).toBe(3.93);
    expect(a?.level).toBe("elevated");
  });

  it("weights an F6 rumour at 0.5 × 0.45 of an A1 report", () => {
    const kill = incident("i1", ["massacre"], "2000-03-01", ["s-f6"], { targetGroup: "g-ard" });
    const [a] = assess(bundle({ source: sources, group: [ardani], incident: [kill] }), rb, "2000-03-01");
    // 1 − e^−0.225 = 0.2015 → 2.01 points.
    expect(a?.score).toBe(2.01);
    expect(a?.indicators[0]?.evidence[0]?.grade).toBe("F6");
  });

  it("upgrades a record's weight on the day a better cited source becomes known", () => {
    const later = source("s-late", "A1", "2000-03-06");
    const kill = incident("i1", ["massacre"], "2000-03-01", ["s-f6", "s-late"], { targetGroup: "g-ard" });
    const b = bundle({ source: [...sources, later], group: [ardani], incident: [kill] });
    // 03-05: 0.225 × 2^−0.4 = 0.1705 → strength 0.157, not present.
    expect(assess(b, rb, "2000-03-05")[0]?.score).toBe(0);
    // 03-06: 1 × 2^−0.5 = 0.7071 → strength 0.5069 → 5.07.
    const [a] = assess(b, rb, "2000-03-06");
    expect(a?.score).toBe(5.07);
    expect(a?.level).toBe("high");
    // The listed weight is the record's weight before decay: A1 now, 1.
    expect(a?.indicators[0]?.evidence.map((e) => [e.record, e.grade, e.weight])).toEqual([["i1", "A1", 1]]);
    expect(a?.indicators[0]?.evidenceCount).toBe(1);
  });

  it("is ongoing while 100 deaths fall within the last 7 days, and not after", () => {
    const kill = incident("i1", ["massacre"], "2000-03-01", ["s-a1"], {
      targetGroup: "g-ard",
      fatalities: { low: 100, high: 200 },
    });
    const b = bundle({ source: sources, group: [ardani], incident: [kill] });
    const [now] = assess(b, rb, "2000-03-01");
    expect(now?.level).toBe("ongoing");
    expect(now?.stage?.id).toBe("extermination");
    expect(now?.reasons[0]).toBe(
      "ongoing (rule ongoing): score 6.32 ≥ 0; targeting: 1 indicator(s) present (T1), needs 1; mass-killing in the last 7 days: 1 record(s) (i1), 150 deaths known; needs 1 record(s) and 100 deaths",
    );
    const [later] = assess(b, rb, "2000-03-09");
    // 2^−0.8 = 0.5743 → strength 0.4369 → 4.37: elevated.
    expect(later?.score).toBe(4.37);
    expect(later?.level).toBe("elevated");
  });

  it("needs two preparation indicators and targeting for imminent, and derives D1 from P1 and P2", () => {
    const b = bundle({
      source: sources,
      group: [ardani],
      incident: [
        incident("i1", ["massacre"], "2000-03-01", ["s-a1"], {
          targetGroup: "g-ard",
          fatalities: { best: 50 },
        }),
        incident("i2", ["arms-cache"], "2000-03-01", ["s-a1"], { targetGroup: "g-ard" }),
        incident("i3", ["militia-training"], "2000-03-01", ["s-a1"], { targetGroup: "g-ard" }),
      ],
    });
    const [a] = assess(b, rb, "2000-03-01");
    // T1 6.3212 + P1 3.1606 + P2 3.1606 + D1 4 × 0.6321 = 15.1709.
    expect(a?.score).toBe(15.17);
    expect(a?.level).toBe("imminent");
    expect(a?.indicators.map((i) => i.indicator)).toEqual(["T1", "P1", "P2", "D1"]);
    expect(a?.indicators.find((i) => i.indicator === "D1")?.derivedFrom).toEqual(["P1", "P2"]);
    expect(a?.stage?.id).toBe("persecution");
  });

  it("applies country-wide evidence to every group situation of that country", () => {
    const clash = incident("c1", ["armed-clash"], "2000-03-01", ["s-a1"]);
    const [a, ...rest] = assess(
      bundle({ source: sources, group: [ardani], incident: [clash] }),
      rb,
      "2000-03-01",
    );
    expect(rest).toEqual([]);
    expect(a?.situation.id).toBe("ZZA/g-ard");
    expect(a?.score).toBe(1.26);
  });

  it("makes a country-wide situation when no group is targeted there", () => {
    const clash = incident("c1", ["armed-clash"], "2000-03-01", ["s-a1"]);
    const [a] = assess(bundle({ source: sources, incident: [clash] }), rb, "2000-03-01");
    expect(a?.situation).toEqual({ id: "ZZA/*", country: "ZZA" });
    expect(a?.level).toBe("elevated");
  });

  it("never reads the evaluation block", () => {
    const kill = incident("i1", ["massacre"], "2000-03-01", ["s-a1"], { targetGroup: "g-ard" });
    const records = { source: sources, group: [ardani], incident: [kill] };
    expect(assess(bundle(records, { onset: "2000-03-01", onsetGroup: "g-ard" }), rb, "2000-03-20")).toEqual(
      assess(bundle(records), rb, "2000-03-20"),
    );
  });

  it("is deterministic whatever the order of the records", () => {
    const incidents = [
      incident("i1", ["massacre"], "2000-03-01", ["s-a1"], { targetGroup: "g-ard" }),
      incident("i2", ["arms-cache"], "2000-02-01", ["s-f6"]),
      incident("i3", ["militia-training"], "2000-03-01", ["s-a1"], { targetGroup: "g-ard" }),
      incident("i4", ["armed-clash"], "2000-01-15", ["s-a1"]),
    ];
    const a = assess(bundle({ source: sources, group: [ardani], incident: incidents }), rb, "2000-03-05");
    const b = assess(
      bundle({ source: [...sources].reverse(), group: [ardani], incident: [...incidents].reverse() }),
      rb,
      "2000-03-05",
    );
    expect(b).toEqual(a);
  });

  it("says what changed since the previous assessment", () => {
    const b = bundle({
      source: sources,
      group: [ardani],
      incident: [
        incident("i1", ["arms-cache"], "2000-03-01", ["s-a1"], { targetGroup: "g-ard" }),
        incident("i2", ["massacre"], "2000-03-05", ["s-a1"], { targetGroup: "g-ard" }),
      ],
    });
    const first = assess(b, rb, "2000-03-01");
    const [second] = assess(b, rb, "2000-03-05", first);
    expect(first[0]?.level).toBe("elevated");
    expect(first[0]?.score).toBe(3.16);
    expect(second?.changes).toEqual({
      previousLevel: "elevated",
      levelChanged: true,
      // 03-01: P1 3.16. 03-05: T1 6.32 + P1 5 × (1 − e^−(2^−0.4)) = 2.66 → 8.98; delta 5.82.
      scoreDelta: 5.82,
      indicatorsAdded: ["T1"],
      indicatorsRemoved: [],
      newEvidence: ["i2"],
      stageChanged: true,
    });
  });

  it("cites a confidential source by id only", () => {
    const informant = source("s-inf", "C2", "2000-01-01", true);
    const kill = incident("i1", ["massacre"], "2000-03-01", ["s-inf"], { targetGroup: "g-ard" });
    const out = JSON.stringify(
      assess(bundle({ source: [informant], group: [ardani], incident: [kill] }), rb, "2000-03-01"),
    );
    expect(out).toContain('"source":"s-inf"');
    expect(out).not.toContain("Secret Name");
    expect(out).not.toContain("secret@example.org");
  });
});
