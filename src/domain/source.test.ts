import { describe, expect, it } from "vitest";
import {
  gradingWeight,
  PROTECTED_SOURCE_LABEL,
  redactCitations,
  redactSource,
  type Source,
} from "./source.js";

const informant: Source = {
  id: "src-informant",
  kind: "informant",
  title: "Informant of the force commander",
  author: "CANARY-AUTHOR",
  occurredAt: { from: "1994-01-10", to: "1994-01-10", precision: "day" },
  knownAt: "1994-01-11",
  citations: [{ source: "src-article", locator: "§Warning signs ¶5" }],
  reliability: "B",
  credibility: 2,
  confidential: true,
  protectedIdentity: { name: "CANARY-NAME", contact: "CANARY-CONTACT" },
  notes: "CANARY-NOTES",
};

describe("redactSource", () => {
  it("keeps grading and drops every identifying field for a viewer who is not entitled", () => {
    const r = redactSource(informant, false);
    expect(r.title).toBe(PROTECTED_SOURCE_LABEL);
    expect(r.reliability).toBe("B");
    expect(r.credibility).toBe(2);
    expect(JSON.stringify(r)).not.toMatch(/CANARY|Informant of/);
  });

  it("returns the full source to an entitled viewer and leaves open sources alone", () => {
    expect(redactSource(informant, true)).toBe(informant);
    const open = { ...informant, confidential: false, protectedIdentity: undefined };
    expect(redactSource(open, false)).toBe(open);
  });
});

describe("gradingWeight", () => {
  it("weights a confirmed report from a reliable source above an unconfirmed rumour", () => {
    expect(gradingWeight("A", 1)).toBe(1);
    expect(gradingWeight("B", 2)).toBeCloseTo(0.81, 10);
    expect(gradingWeight("F", 6)).toBeCloseTo(0.225, 10);
    expect(gradingWeight("B", 2)).toBeGreaterThan(gradingWeight("F", 6));
  });
});

describe("redactCitations", () => {
  const secret = (id: string): boolean => id === "src-inf";
  it("drops the locator of a citation to a confidential source and keeps public ones unchanged", () => {
    const out = redactCitations(
      [
        { source: "src-inf", locator: "account relayed in the cable" },
        { source: "src-pub", locator: "p. 3" },
      ],
      secret,
    );
    expect(out).toEqual([
      { source: "src-inf", label: PROTECTED_SOURCE_LABEL, protected: true },
      { source: "src-pub", locator: "p. 3" },
    ]);
    expect(JSON.stringify(out)).not.toContain("relayed");
  });
  it("gives an empty list for no citations", () => {
    expect(redactCitations([], secret)).toEqual([]);
  });
});
