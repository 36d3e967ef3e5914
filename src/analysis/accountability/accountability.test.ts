import { describe, expect, it } from "vitest";
import { actor, bundle, incident, tribunal, tribunalCase } from "../../../test/analysis/helpers/bundle.js";
import { buildAccountability } from "./accountability.js";

const sides = [
  { id: "gov", name: "Government side" },
  { id: "reb", name: "Rebel side" },
];

describe("buildAccountability", () => {
  const b = bundle(
    {
      actor: [
        actor("army", [], { side: "gov" }),
        actor("militia", [], { memberOf: "army" }),
        actor("rebels", [], { side: "reb" }),
        actor("acc-1", [], { side: "gov", kind: "person", name: "Accused One" }),
        actor("acc-2", [], { side: "gov", kind: "person" }),
        actor("acc-3", [], { kind: "person" }),
      ],
      tribunal: [tribunal("trib", { budget: { totalUsd: 90_000_000, approximate: true } })],
      tribunalCase: [
        tribunalCase("k1", {
          accused: "acc-1",
          arrestedAt: "1995-01-01",
          firstJudgmentAt: "2001-01-01",
          finalJudgmentAt: "2003-01-01",
        }),
        tribunalCase("k2", {
          accused: "acc-2",
          outcome: "acquitted",
          reportedDetention: { beforeFirstJudgment: { years: 16, approximate: true } },
        }),
        tribunalCase("k3", { accused: "acc-3", side: "gov", outcome: "pending", arrestedAt: "1999-01-01" }),
      ],
      incident: [
        incident("i-1991", "1991-01/1991-02", { perpetrators: ["militia"] }),
        incident("i-1994a", "1994-04-07", { perpetrators: ["militia"] }),
        incident("i-1994b", "1994-06-01", { perpetrators: ["rebels"], acts: ["killing"] }),
        incident("i-clash", "1994-05-01", { perpetrators: ["rebels"], acts: ["armed-clash"] }),
        incident("i-abroad", "1994-08-01", { perpetrators: ["rebels"], place: { country: "ZZZ" } }),
      ],
    },
    { sides },
  );

  it("counts outcomes from the cases, with rate, cost and detention", () => {
    const t = buildAccountability(b, { asOf: "2005-12-31" }).tribunals[0];
    expect(t?.outcomes).toMatchObject({ convicted: 1, acquitted: 1, pending: 1 });
    expect(t?.judged).toBe(2);
    expect(t?.judgedBasis).toBe("cases");
    expect(t?.convictionRate).toBe(0.5);
    expect(t?.costPerAccusedJudgedUsd).toBe(45_000_000);
    expect(
      t?.detention.map((d) => [
        d.case,
        d.beforeFirstJudgment?.basis,
        d.beforeFirstJudgment?.days,
        d.beforeFinalJudgment?.days,
      ]),
    ).toEqual([
      ["k1", "dates", 2192, 2922],
      ["k2", "reported", undefined, undefined],
      ["k3", "ongoing", 2556, 2556],
    ]);
    expect(t?.maxYearsBeforeFirstJudgment).toBe(16);
  });

  it("prefers published aggregates and says so", () => {
    const withAgg = {
      ...b,
      records: {
        ...b.records,
        tribunal: [
          tribunal("trib", {
            budget: { totalUsd: 1_800_000_000, approximate: true },
            aggregates: { convicted: 61, acquitted: 14, judged: 75 },
          }),
        ],
      },
    };
    const t = buildAccountability(withAgg, { asOf: "2015-12-31" }).tribunals[0];
    expect([
      t?.outcomes.convicted,
      t?.outcomes.acquitted,
      t?.outcomeBasis.convicted,
      t?.outcomeBasis.pending,
    ]).toEqual([61, 14, "aggregates", "cases"]);
    expect(t?.casesInRecord.convicted).toBe(1);
    expect([t?.judged, t?.judgedBasis, t?.costPerAccusedJudgedUsd]).toEqual([75, "aggregates", 24_000_000]);
    expect(t?.convictionRate).toBeCloseTo(61 / 75, 10);
  });

  it("does not add judged case records on top of published totals (they are a subset)", () => {
    const agg = bundle({
      tribunal: [tribunal("trib", { aggregates: { convicted: 61, acquitted: 14, judged: 75 } })],
      tribunalCase: [
        tribunalCase("k1", { outcome: "unknown", firstJudgmentAt: "2001-01-01" }),
        tribunalCase("k2", { outcome: "convicted", firstJudgmentAt: "2002-01-01" }),
        tribunalCase("k3", { outcome: "pending" }),
      ],
    });
    const t = buildAccountability(agg, { asOf: "2015-12-31" }).tribunals[0];
    const o = t?.outcomes;
    expect([o?.convicted, o?.acquitted, o?.unknown, o?.pending]).toEqual([61, 14, 0, 1]);
    expect([t?.outcomeBasis.unknown, t?.outcomeBasis.pending]).toEqual(["aggregates", "cases"]);
    expect((o?.convicted ?? 0) + (o?.acquitted ?? 0) + (o?.unknown ?? 0)).toBe(t?.judged);
    expect([t?.casesInRecord.unknown, t?.casesInRecord.convicted]).toEqual([1, 1]);
    // Without published totals, a judged case with an unknown outcome is counted from the record.
    const noAgg = buildAccountability(
      { ...agg, records: { ...agg.records, tribunal: [tribunal("trib")] } },
      { asOf: "2015-12-31" },
    ).tribunals[0];
    expect([noAgg?.outcomes.unknown, noAgg?.outcomeBasis.unknown, noAgg?.judged]).toEqual([1, "cases", 2]);
  });

  it("flags a side with documented crimes in the mandate and nobody accused", () => {
    const t = buildAccountability(b, { asOf: "2005-12-31" }).tribunals[0];
    expect(t?.sides).toEqual([
      {
        side: "gov",
        name: "Government side",
        accused: 3,
        incidents: 2,
        incidentsInMandate: 1,
        incidentIds: ["i-1991", "i-1994a"],
        flagged: false,
      },
      {
        side: "reb",
        name: "Rebel side",
        accused: 0,
        incidents: 2,
        incidentsInMandate: 1,
        incidentIds: ["i-1994b", "i-abroad"],
        flagged: true,
      },
    ]);
    expect(t?.sidesNeverProsecuted).toEqual(["reb"]);
  });

  it("lists documented crimes outside the temporal or territorial mandate", () => {
    const t = buildAccountability(b, { asOf: "2005-12-31" }).tribunals[0];
    expect(t?.outsideMandate).toEqual([
      { incident: "i-1991", from: "1991-01-01", to: "1991-02-28", country: "XVL", reason: "temporal" },
      { incident: "i-abroad", from: "1994-08-01", to: "1994-08-01", country: "ZZZ", reason: "territorial" },
    ]);
    const neighbours = {
      ...b,
      records: {
        ...b.records,
        tribunal: [
          tribunal("trib", {
            mandate: {
              temporal: { from: "1994-01-01", to: "1994-12-31" },
              territorial: ["XVL"],
              includesNeighbours: true,
              subjectMatter: ["genocide"],
            },
          }),
        ],
      },
    };
    const n = buildAccountability(neighbours, { asOf: "2005-12-31" }).tribunals[0];
    expect(n?.territorialUncertain).toEqual(["i-abroad"]);
    expect(n?.outsideMandate.map((x) => x.incident)).toEqual(["i-1991"]);
  });

  it("treats a judgment after the as-of day as pending", () => {
    const t = buildAccountability(b, { asOf: "2000-06-30" }).tribunals[0];
    expect([t?.casesInRecord.convicted, t?.casesInRecord.acquitted, t?.casesInRecord.pending]).toEqual([
      0, 1, 2,
    ]);
  });

  it("is empty without tribunals and gives no rate or cost without judgments", () => {
    expect(buildAccountability(bundle(), { asOf: "2000-01-01" })).toEqual({
      asOf: "2000-01-01",
      tribunals: [],
    });
    const t = buildAccountability(bundle({ tribunal: [tribunal("trib")] }), { asOf: "2000-01-01" })
      .tribunals[0];
    expect([
      t?.judged,
      t?.convictionRate,
      t?.costPerAccusedJudgedUsd,
      t?.maxYearsBeforeFirstJudgment,
    ]).toEqual([0, undefined, undefined, undefined]);
  });
});

describe("buildAccountability with missing input", () => {
  it("takes the side from the case when the accused is not in the record, and gives no detention without dates", () => {
    const b = bundle(
      {
        tribunal: [tribunal("trib")],
        tribunalCase: [
          tribunalCase("k1", { accused: "nobody-known", side: "reb" }),
          tribunalCase("k2", { tribunal: "other-trib" }),
        ],
      },
      { sides },
    );
    const t = buildAccountability(b, { asOf: "2005-12-31" }).tribunals[0];
    expect(t?.sides.map((s) => [s.side, s.accused])).toEqual([
      ["gov", 0],
      ["reb", 1],
    ]);
    expect(t?.detention).toEqual([{ case: "k1", accused: "nobody-known" }]);
    expect(t?.casesInRecord.convicted).toBe(1);
  });
});
