import { describe, expect, it } from "vitest";
import { emptyRecords, type CaseBundle } from "./case.js";
import { actorsOf, overlapsRange, recordSummary, toTimeline } from "./timeline.js";

const manifest = {
  id: "t",
  title: "T",
  region: "R",
  countries: ["XVL"],
  period: { from: "2030-01-01", to: "2030-12-31" },
  sides: [],
  escalationChain: [],
};
const day = (d: string) => ({ from: d, to: d, precision: "day" as const });

const bundle: CaseBundle = {
  manifest,
  records: {
    ...emptyRecords(),
    source: [
      {
        id: "s-conf",
        kind: "informant",
        title: "Informant",
        occurredAt: day("2030-02-01"),
        knownAt: "2030-02-01",
        citations: [],
        reliability: "B",
        credibility: 2,
        confidential: true,
        protectedIdentity: { name: "Secret Name" },
      },
    ],
    warning: [
      {
        id: "w1",
        occurredAt: day("2030-02-01"),
        knownAt: "2030-02-01",
        citations: [{ source: "s-conf", locator: "p. 1" }],
        sender: "a",
        recipients: ["b", "a"],
        channel: "cable",
        summary: "Caches",
        requestedActions: [{ id: "r", kind: "seize-arms", description: "x", addressees: ["c"] }],
        evidence: [],
        origin: "human",
      },
    ],
    response: [
      {
        id: "r0",
        occurredAt: day("2030-01-15"),
        knownAt: "2030-01-15",
        citations: [],
        actor: "b",
        kind: "statement",
        summary: "Earlier",
      },
    ],
  },
};

describe("toTimeline", () => {
  it("orders by start day, then kind order, then id, and never names a confidential source", () => {
    const t = toTimeline(bundle);
    expect(t.map((e) => [e.kind, e.id])).toEqual([
      ["response", "r0"],
      ["source", "s-conf"],
      ["warning", "w1"],
    ]);
    expect(t[1]?.summary).toBe("Protected source");
    expect(JSON.stringify(t)).not.toContain("Secret Name");
    expect(t[2]).toEqual({
      kind: "warning",
      id: "w1",
      occurredAt: day("2030-02-01"),
      knownAt: "2030-02-01",
      actors: ["a", "b", "c"],
      summary: "Caches",
      citations: [{ source: "s-conf", locator: "p. 1" }],
    });
  });

  it("filters by overlap with a window", () => {
    expect(toTimeline(bundle, { from: "2030-01-16" }).map((e) => e.id)).toEqual(["s-conf", "w1"]);
    expect(toTimeline(bundle, { to: "2030-01-15" }).map((e) => e.id)).toEqual(["r0"]);
    expect(
      overlapsRange(
        { from: "2030-01-01", to: "2030-03-31", precision: "range" },
        { from: "2030-03-31", to: "2030-04-01" },
      ),
    ).toBe(true);
  });

  it("an empty case has an empty timeline", () => {
    expect(toTimeline({ manifest, records: emptyRecords() })).toEqual([]);
  });

  it("summarises and lists actors per kind", () => {
    expect(
      recordSummary("mandate", {
        id: "m",
        occurredAt: day("2030-01-01"),
        knownAt: "2030-01-01",
        citations: [],
        body: "sc",
        mission: "mis",
        legalBasis: "chapter-vi",
        tasks: [],
      }),
    ).toBe("Mandate of mis");
    expect(actorsOf("response", bundle.records.response[0]!)).toEqual(["b"]);
  });
});
