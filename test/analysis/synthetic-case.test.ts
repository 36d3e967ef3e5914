// The analyses on the fictional case (country XVL): every figure here comes from its records, so nothing in
// the analyses is specific to the built-in case.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildScorecard,
  renderHtml,
  renderJson,
  renderMarkdown,
  scorecardHeadlines,
  type LevelSpan,
  type Scorecard,
} from "../../src/analysis/index.js";
import type { CaseBundle } from "../../src/domain/index.js";
import { loadCase, loadLexicon, ROOT } from "./helpers/load.js";

// A level timeline given by hand (the analyses take it as an argument), so these figures do not move when
// the engine's rulebook is tuned; the replayed timeline is exercised by the built-in case's suite.
const levels: LevelSpan[] = [
  { situation: "XVL/essari", country: "XVL", level: "high", from: "2021-06-01", to: "2021-09-30" },
  { situation: "XVL/essari", country: "XVL", level: "imminent", from: "2021-10-01", to: "2022-01-14" },
  { situation: "XVL/essari", country: "XVL", level: "ongoing", from: "2022-01-15", to: "2022-04-15" },
  { situation: "XVL/essari", country: "XVL", level: "imminent", from: "2022-04-16", to: "2022-12-31" },
];

let bundle: CaseBundle;
let sc: Scorecard;
beforeAll(async () => {
  bundle = await loadCase(join(ROOT, "test/fixtures/cases/synthetic-xv"));
  sc = buildScorecard(bundle, { asOf: "2024-12-31", levels, lexicon: await loadLexicon() });
});

describe("synthetic case: ledger", () => {
  it("acts partly and late on the patrols, leaves the sanctions unanswered and escalates them", () => {
    const w = sc.ledger.warnings[0];
    expect(sc.ledger.warnings).toHaveLength(1);
    expect([w?.sentAt, w?.daysToFirstResponse, w?.daysToAction]).toEqual(["2021-10-05", 2, 46]);
    expect(
      w?.requests.map((q) => [
        q.action,
        q.status,
        q.extent,
        q.daysToFirstResponse,
        q.daysToAction,
        q.lapsedAt,
      ]),
    ).toEqual([
      ["xv-ra-patrols", "acted", "partial", 2, 46, undefined],
      ["xv-ra-sanctions", "lapsed", undefined, undefined, undefined, "2021-11-06"],
    ]);
    expect(sc.ledger.escalations).toEqual([
      {
        warning: "xv-warn-2021-10-05",
        action: "xv-ra-sanctions",
        at: "2021-11-06",
        fromRole: "security-council",
        toRole: "regional-body",
        toActors: ["xv-csu"],
        exhausted: false,
      },
    ]);
    expect(
      sc.ledger.dutyBearers.map((d) => [d.actor, d.received, d.answered, d.actedOn, d.medianLagDays]),
    ).toEqual([
      ["xv-un-hq", 1, 1, 1, 2],
      ["xv-unsc", 1, 0, 0, undefined],
    ]);
  });
});

describe("synthetic case: commitments and gaps", () => {
  it("delivers the promise and leaves the threat overdue", () => {
    expect(sc.commitments.map((c) => [c.commitment, c.status, c.daysToDeliver, c.dueAt])).toEqual([
      ["xv-com-2021-12-observers", "delivered", 19, "2021-12-31"],
      ["xv-com-2022-01-sanctions-threat", "overdue", undefined, "2022-02-20"],
    ]);
  });

  it("finds the mandate protecting civilians, the brigade on standby and the deployment delay", () => {
    expect(
      sc.gaps.mandates.map((m) => [
        m.mandate,
        m.protectsCivilians,
        m.gap,
        m.atRisk?.from,
        m.atRisk?.maxLevel,
      ]),
    ).toEqual([["xv-man-2020", true, false, "2021-06-01", "ongoing"]]);
    expect(
      sc.gaps.capabilities.map((c) => [
        c.capability,
        c.tasking,
        c.gap,
        c.atRisk?.from,
        c.atRisk?.to,
        c.atRisk?.maxLevel,
      ]),
    ).toEqual([["xv-cap-kessandra-brigade", "standby", true, "2021-11-01", "2022-02-28", "ongoing"]]);
    expect(sc.gaps.deploymentDelays).toEqual([
      {
        mandate: "xv-man-2020",
        mission: "xv-mission",
        missionName: "UN Stabilisation Mission in Valdoria (UNSMV)",
        decidedAt: "2020-05-10",
        deployedAt: "2020-07-01",
        days: 52,
      },
    ]);
  });
});

describe("synthetic case: naming", () => {
  it("classifies the euphemism and measures the Secretary-General's naming lag", () => {
    expect(sc.naming?.statements.map((s) => [s.statement, s.class])).toEqual([
      ["xv-stmt-2021-11-25-clashes", "euphemism"],
      ["xv-stmt-2022-03-02-naming", "naming"],
    ]);
    expect(sc.naming?.actors.map((a) => [a.actor, a.firstNamingAt, a.namingLagDays])).toEqual([
      ["xv-sg", "2022-03-02", 46],
      ["xv-kessandra", undefined, undefined],
    ]);
  });
});

describe("synthetic case: accountability", () => {
  it("computes outcomes, cost, detention and sides from the cases", () => {
    const t = sc.accountability.tribunals[0];
    expect(t?.outcomes).toMatchObject({ convicted: 1, acquitted: 1, pending: 1 });
    expect([t?.judged, t?.judgedBasis, t?.convictionRate, t?.costPerAccusedJudgedUsd]).toEqual([
      2,
      "cases",
      0.5,
      45_000_000,
    ]);
    expect(
      t?.detention.map((d) => [
        d.case,
        d.beforeFirstJudgment?.days,
        d.beforeFirstJudgment?.basis,
        d.beforeFinalJudgment?.days,
      ]),
    ).toEqual([
      ["xv-tc-holt", 518, "dates", 806],
      ["xv-tc-venn", 570, "dates", undefined],
      ["xv-tc-aubel", 601, "ongoing", 601],
    ]);
    expect(t?.sides.map((s) => [s.side, s.accused, s.incidentsInMandate, s.flagged])).toEqual([
      ["council", 2, 3, false],
      ["nlm", 1, 1, false],
    ]);
    expect(t?.sidesNeverProsecuted).toEqual([]);
    expect(t?.outsideMandate).toEqual([]);
  });
});

describe("synthetic case: reports", () => {
  it("never shows the protected witness's identity in any format", () => {
    const witness = bundle.records.source.find((s) => s.confidential);
    const identity = Object.values(witness?.protectedIdentity ?? {});
    expect(identity.length).toBeGreaterThan(0);
    for (const text of [
      renderHtml(sc),
      renderMarkdown(sc),
      renderJson(sc),
      scorecardHeadlines(sc).join("\n"),
    ]) {
      for (const value of identity) expect(text).not.toContain(value);
    }
    expect(renderMarkdown(sc)).toContain(`${witness?.id ?? ""} (Protected source)`);
  });
});
