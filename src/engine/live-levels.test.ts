import { describe, expect, it } from "vitest";
import { bundle, group, incident, source, tinyRulebook } from "../../test/engine/tiny.js";
import { assess } from "./assess.js";
import { levelChanges } from "./live-levels.js";

const rb = tinyRulebook();
const sources = [source("s-a1", "A1", "2000-01-01")];
const ardani = group("g-ard", "Ardani", ["ZZA"]);
const kill = incident("i1", ["massacre"], "2000-03-01", ["s-a1"], {
  targetGroup: "g-ard",
  fatalities: { best: 50 },
});
const killed = bundle({ source: sources, group: [ardani], incident: [kill] });

describe("levelChanges", () => {
  it("raises nothing for a situation at level none never recorded", () => {
    const quiet = assess(bundle({ group: [ardani] }), rb, "2000-06-01");
    expect(levelChanges(quiet, new Map(), rb, [])).toEqual([]);
  });

  it("raises an alert from none when the level rises, dated the day assessed", () => {
    const [a, ...rest] = levelChanges(assess(killed, rb, "2000-03-02"), new Map(), rb, []);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ situation: { id: "ZZA/g-ard" }, previousLevel: "none", level: "high" });
    expect(a?.date).toBe("2000-03-02");
  });

  it("raises nothing when the recorded level is the assessed one, and an alert from it when not", () => {
    const assessed = assess(killed, rb, "2000-03-02");
    expect(levelChanges(assessed, new Map([["ZZA/g-ard", "high"]]), rb, [])).toEqual([]);
    const [fell] = levelChanges(
      assess(bundle({ group: [ardani] }), rb, "2000-06-01"),
      new Map([["ZZA/g-ard", "high"]]),
      rb,
      [],
    );
    expect(fell).toMatchObject({ previousLevel: "high", level: "none" });
  });
});
