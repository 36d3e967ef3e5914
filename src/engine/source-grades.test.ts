import { describe, expect, it } from "vitest";
import type { Source } from "../domain/index.js";
import type { ValidRulebook } from "./rulebook.js";
import { SourceGrades } from "./source-grades.js";

const rulebook = {
  grading: {
    reliability: { A: 1, B: 0.8, C: 0.6, D: 0.4, E: 0.2, F: 0.3 },
    credibility: { "1": 1, "2": 0.8, "3": 0.6, "4": 0.4, "5": 0.2, "6": 0.3 },
    unknownSource: 0.25,
  },
} as unknown as ValidRulebook;

const source = (id: string, reliability: string, credibility: number, knownAt = "2000-01-01"): Source =>
  ({
    id,
    reliability,
    credibility,
    knownAt,
    name: id,
    kind: "ngo",
    confidential: false,
  }) as unknown as Source;

describe("SourceGrades", () => {
  it("grades a record by its best known source, and names it the primary source", () => {
    const g = new SourceGrades(rulebook);
    g.add(source("rumour", "F", 6));
    g.add(source("mission", "B", 2, "2000-02-01"));
    const grade = g.gradeOf(["rumour", "mission", "not-yet-known"]);
    expect(grade).toMatchObject({ grade: "B2", tier: 2, primary: "mission", sources: ["mission", "rumour"] });
    expect(grade.weight).toBeCloseTo(0.64);
  });

  it("gives an unknown-source grade, no tier and no primary source when no cited source is known", () => {
    const g = new SourceGrades(rulebook);
    expect(g.gradeOf(["later"])).toEqual({ weight: 0.25, tier: 0, sources: [] });
    expect(g.has("later")).toBe(false);
  });

  it("breaks a tie of weights to the earliest known source", () => {
    const g = new SourceGrades(rulebook);
    g.add(source("second", "B", 2, "2000-03-01"));
    g.add(source("first", "B", 2, "2000-01-01"));
    expect(g.gradeOf(["second", "first"]).primary).toBe("first");
  });
});
