import { describe, expect, it } from "vitest";
import type { CaseBundle } from "../../domain/index.js";
import { emptyRecords } from "../../domain/index.js";
import type { Alert, ReplayResult, RiskLevel } from "../../engine/index.js";
import { evaluateCase, summariseEvaluations } from "./evaluate-case.js";

const manifest = (evaluation: CaseBundle["manifest"]["evaluation"]): CaseBundle["manifest"] => ({
  id: "t",
  title: "t",
  region: "r",
  countries: ["XAA"],
  period: { from: "2000-01-01", to: "2000-12-31" },
  sides: [],
  escalationChain: [],
  ...(evaluation ? { evaluation } : {}),
});

const alert = (date: string, situation: string, previousLevel: RiskLevel, level: RiskLevel): Alert =>
  ({ date, situation: { id: situation, country: "XAA" }, previousLevel, level }) as unknown as Alert;

function result(alerts: Alert[]): ReplayResult {
  const first = new Map<string, Record<string, string | null>>();
  const rank = ["none", "elevated", "high", "imminent", "ongoing"];
  for (const a of alerts) {
    const f = first.get(a.situation.id) ?? { elevated: null, high: null, imminent: null, ongoing: null };
    for (const l of ["elevated", "high", "imminent", "ongoing"])
      if (rank.indexOf(a.level) >= rank.indexOf(l) && f[l] === null) f[l] = a.date;
    first.set(a.situation.id, f);
  }
  return {
    case: "t",
    from: "2000-01-01",
    to: "2000-12-31",
    steps: 0,
    alerts,
    firstDateByLevel: { elevated: null, high: null, imminent: null, ongoing: null },
    firstBySituation: first as never,
    evaluation: null,
    final: [],
    notices: [],
  };
}

describe("evaluateCase", () => {
  it("measures lead times, the ongoing lag and reversals on the scored group", () => {
    const bundle: CaseBundle = {
      manifest: manifest({
        onset: "2000-06-01",
        onsetGroup: "g",
        onsetCountry: "XAA",
        persecutionKnown: "2000-02-01",
        massAtrocityKnown: "2000-06-10",
      }),
      records: emptyRecords(),
    };
    const r = evaluateCase(
      bundle,
      result([
        alert("2000-01-15", "XAA/g", "none", "elevated"),
        alert("2000-03-01", "XAA/g", "elevated", "high"),
        alert("2000-05-02", "XAA/g", "high", "imminent"),
        alert("2000-05-20", "XAA/g", "imminent", "high"),
        alert("2000-06-14", "XAA/g", "high", "ongoing"),
        alert("2000-02-01", "XAA/other", "none", "ongoing"),
      ]),
    );
    expect(r).toMatchObject({
      kind: "onset",
      situations: ["XAA/g"],
      firstHigh: "2000-03-01",
      leadHigh: 92,
      // Imminent from 05-02 fell back on 05-20: not in force on the eve of the onset.
      leadImminent: null,
      ongoingLag: 4,
      maxLevel: "ongoing",
      reversals: 1,
      quickReversals: 1,
    });
    expect(r.targets.map((t) => [t.target, t.met])).toEqual([
      ["high in force before the onset", true],
      ["ongoing within 7 days", true],
      ["no reversal within 30 days", false],
      ["never none while a structural factor stands", true],
    ]);
  });

  it("does not count a high that fell back before the onset as a warning", () => {
    const bundle: CaseBundle = {
      manifest: manifest({ onset: "2000-06-01", onsetGroup: "g", persecutionKnown: "2000-01-01" }),
      records: emptyRecords(),
    };
    const r = evaluateCase(
      bundle,
      result([
        alert("2000-01-15", "XAA/g", "none", "high"),
        alert("2000-04-01", "XAA/g", "high", "elevated"),
        alert("2000-06-01", "XAA/g", "elevated", "ongoing"),
      ]),
    );
    expect(r.firstHigh).toBe("2000-01-15");
    expect(r.leadHigh).toBeNull();
    expect(r.targets[0]).toMatchObject({ target: "high in force before the onset", met: false });
    expect(r.targets[0]?.detail).toContain("first high 2000-01-15");
  });

  it("measures an early ongoing as a negative lag, from the spell current on the day", () => {
    const bundle: CaseBundle = {
      manifest: manifest({ onset: "2000-06-01", onsetGroup: "g", massAtrocityKnown: "2000-06-10" }),
      records: emptyRecords(),
    };
    const r = evaluateCase(
      bundle,
      result([
        alert("2000-01-01", "XAA/g", "none", "ongoing"),
        alert("2000-03-01", "XAA/g", "ongoing", "high"),
        alert("2000-06-01", "XAA/g", "high", "ongoing"),
      ]),
    );
    expect(r.ongoingLag).toBe(-9);
  });

  it("checks that a control never goes above high, and counts its days at high", () => {
    const bundle: CaseBundle = {
      manifest: manifest({ control: true, onsetGroup: "g" }),
      records: emptyRecords(),
    };
    const r = evaluateCase(
      bundle,
      result([
        alert("2000-12-22", "XAA/g", "none", "high"),
        alert("2000-12-30", "XAA/g", "high", "imminent"),
      ]),
    );
    expect(r.kind).toBe("control");
    expect(r.daysHighOrAbove).toBe(10);
    expect(r.targets.find((t) => t.target === "control never above high")).toMatchObject({
      met: false,
      detail: "highest level imminent",
    });
    expect(summariseEvaluations([r]).targets.find((t) => t.target === "control never above high")).toEqual({
      target: "control never above high",
      met: 0,
      of: 1,
    });
  });

  it("names a drop to none while a structural factor stands, read from the records", () => {
    const records = emptyRecords();
    const bundle: CaseBundle = {
      manifest: manifest({ onsetGroup: "g" }),
      records: {
        ...records,
        incident: [
          {
            id: "inc-1",
            summary: "detentions",
            acts: ["arbitrary-detention"],
            place: { country: "XAA" },
            perpetrators: [],
            targetGroup: "g",
            organised: "unknown",
            stateInvolvement: "unknown",
            occurredAt: { from: "2000-01-01", to: "2000-01-01", precision: "day" },
            knownAt: "2000-01-02",
            citations: [{ source: "s", locator: "p" }],
          },
        ],
      },
    };
    const r = evaluateCase(
      bundle,
      result([
        alert("2000-01-02", "XAA/g", "none", "elevated"),
        alert("2000-09-01", "XAA/g", "elevated", "none"),
      ]),
    );
    expect(r.dropsToNoneWithStructural).toEqual([
      { situation: "XAA/g", date: "2000-09-01", factor: "violations against the group: inc-1" },
    ]);
  });
});
