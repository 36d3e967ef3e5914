// The "done when" figures of the built-in case, computed from its records and a day-by-day engine replay. Records
// are found by what they are (kind, actor, channel, date), not by id, so the suite reads the case as it is.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildScorecard,
  renderHtml,
  renderJson,
  renderMarkdown,
  scorecardHeadlines,
  type Scorecard,
} from "../../src/analysis/index.js";
import type { CaseBundle } from "../../src/domain/index.js";
import { loadCase, loadLexicon, only, replayLevels, ROOT } from "./helpers/load.js";

let bundle: CaseBundle;
let sc: Scorecard;
beforeAll(async () => {
  bundle = await loadCase(join(ROOT, "cases/rwanda-1990-1994"));
  sc = buildScorecard(bundle, {
    asOf: "2019-07-17",
    levels: await replayLevels(bundle),
    lexicon: await loadLexicon(),
  });
});

describe("built-in case: warnings", () => {
  it("the January 1994 cable's request to seize arms was refused in 1 day", () => {
    const cable = only(
      sc.ledger.warnings,
      (w) => w.channel === "cable" && w.sentAt.startsWith("1994-01"),
      "January 1994 cable",
    );
    expect(cable.daysToFirstResponse).toBe(1);
    expect(cable.firstActionAt).toBeUndefined();
    const refused = cable.requests.filter((q) => q.status === "refused");
    expect(refused.map((q) => [q.kind, q.daysToFirstResponse, q.refusalReason])).toEqual([
      ["seize-arms", 1, "mandate"],
    ]);
    // The protection request got no answer of its own: computed as lapsed, and escalated along the chain.
    const protect = only(cable.requests, (q) => q.kind === "protect-informant", "protection request");
    expect(protect.status).toBe("lapsed");
    const esc = only(sc.ledger.escalations, (e) => e.action === protect.action, "escalation");
    expect([esc.fromRole, esc.toRole]).toEqual(["mission-headquarters", "secretary-general"]);
  });

  it("the February 1994 letter was followed by no response and no action", () => {
    const letter = only(
      sc.ledger.warnings,
      (w) => w.channel === "letter" && w.sentAt.startsWith("1994-02"),
      "February 1994 letter",
    );
    expect(letter.responses).toEqual([]);
    expect(letter.firstActionAt).toBeUndefined();
    expect(letter.requests.map((q) => q.status)).toEqual(["lapsed"]);
    // The letter went to the ambassador; the council is only the actor its request is aimed at.
    const aimed = sc.ledger.dutyBearers.filter((d) => d.aimedAtWarnings.includes(letter.warning));
    const received = sc.ledger.dutyBearers.filter((d) => d.received > 0).map((d) => d.actor);
    expect(aimed.length).toBeGreaterThan(0);
    for (const d of aimed) expect(received).not.toContain(d.actor);
  });
});

describe("built-in case: commitments and gaps", () => {
  it("the Belgian threat was not delivered", () => {
    const bel = bundle.records.actor.find((a) => a.kind === "state" && a.country === "BEL");
    const threat = only(sc.commitments, (c) => c.actor === bel?.id && c.kind === "threat", "Belgian threat");
    expect(threat.status).toBe("overdue");
    // Its follow-up date is editorial: the finding and the headline say the due date is assumed.
    expect(threat.dueAssumed).toBe(true);
    const finding = only(
      sc.prevention.findings,
      (f) => f.id === `commitment:${threat.commitment}`,
      "finding",
    );
    expect(finding.text).toContain("due date assumed");
  });

  it("a commitment with unknown delivery and no due date is undetermined, not counted as not delivered", () => {
    const unknown = sc.commitments.filter((c) => c.recordedDelivered === null && c.dueSource === "default");
    expect(unknown.length).toBeGreaterThan(0);
    for (const c of unknown) expect(c.status).toBe("undetermined");
    const overdue = sc.commitments.filter((c) => c.status === "overdue").length;
    expect(scorecardHeadlines(sc)).toContain(
      `Commitments not delivered when due: ${overdue} of ${sc.commitments.length - unknown.length} (due date assumed for ${overdue}); ${unknown.length} undetermined (delivery not known, no due date)`,
    );
  });

  it("mandates whose tasks the article does not give are undetermined, not gaps", () => {
    const unknownTasks = bundle.records.mandate.filter((m) => m.tasksKnown === false).map((m) => m.id);
    expect(unknownTasks.length).toBeGreaterThan(0);
    const states = sc.gaps.mandates.filter((m) => unknownTasks.includes(m.mandate));
    for (const m of states) expect([m.gap, m.protectsCivilians]).toEqual([null, null]);
    const gaps = sc.gaps.mandates.filter((m) => m.gap === true).length;
    expect(scorecardHeadlines(sc).join("\n")).toContain(
      `without protection of civilians: ${gaps} (${states.length} more undetermined: tasks not known)`,
    );
  });

  it("UNAMIR's mandate was in force at high risk or above without protection of civilians", () => {
    const first = [...bundle.records.mandate].sort((a, b) =>
      a.occurredAt.from.localeCompare(b.occurredAt.from),
    )[0];
    const gap = only(sc.gaps.mandates, (m) => m.mandate === first?.id, "first mandate");
    expect(gap.protectsCivilians).toBe(false);
    expect(gap.gap).toBe(true);
    expect(gap.atRisk?.days).toBeGreaterThan(0);
  });

  it("nearby elite troops were tasked with evacuation only while the level was ongoing", () => {
    const evacuation = sc.gaps.capabilities.filter((c) => c.tasking === "evacuation-only");
    expect(evacuation.length).toBeGreaterThanOrEqual(2);
    for (const c of evacuation) expect([c.gap, c.atRisk?.maxLevel]).toEqual([true, "ongoing"]);
  });

  it("UNAMIR II was decided on 1994-05-17 and deployed on 1994-06-08: 22 days", () => {
    expect(
      sc.gaps.deploymentDelays.map((d) => [d.decidedAt, d.deployedAt, d.days, d.levelAtDecision]),
    ).toEqual([["1994-05-17", "1994-06-08", 22, "ongoing"]]);
  });
});

describe("built-in case: naming", () => {
  it("the Secretary-General first named the genocide in late May 1994, 50 days after the onset", () => {
    const sg = only(bundle.records.actor, (a) => a.roles.includes("secretary-general"), "Secretary-General");
    const naming = only(sc.naming?.actors ?? [], (a) => a.actor === sg.id, "naming of the Secretary-General");
    expect(sc.naming?.onset).toBe("1994-04-07");
    expect([naming.firstNamingAt, naming.namingLagDays]).toEqual(["1994-05-27", 50]);
  });

  it("reads the euphemisms and a hypothetical naming as such", () => {
    const euphemisms = sc.naming?.statements
      .filter((s) => s.class === "euphemism")
      .flatMap((s) => s.matches.map((m) => m.term));
    expect(euphemisms).toEqual(
      expect.arrayContaining(["tribal massacres", "chaos", "civil war", "failed state"]),
    );
    const letter = only(
      bundle.records.statement,
      (s) => s.occurredAt.from === "1994-02-25",
      "statement in the February letter",
    );
    expect(sc.naming?.statements.find((s) => s.statement === letter.id)?.class).toBe("qualified-naming");
  });
});

describe("built-in case: accountability", () => {
  it("61 convicted, 14 acquitted, about 24 million USD per accused judged", () => {
    const t = sc.accountability.tribunals[0];
    expect(sc.accountability.tribunals).toHaveLength(1);
    expect([t?.outcomes.convicted, t?.outcomes.acquitted, t?.judged, t?.judgedBasis]).toEqual([
      61,
      14,
      75,
      "aggregates",
    ]);
    expect(t?.costPerAccusedJudgedUsd).toBe(24_000_000);
    expect(t?.budgetApproximate).toBe(true);
    // The individual case records are a subset of the published totals: judged outcomes sum to the judged total.
    const o = t?.outcomes;
    expect((o?.convicted ?? 0) + (o?.acquitted ?? 0) + (o?.unknown ?? 0)).toBe(t?.judged);
  });

  it("a documented detention of about 16 years before first judgment (reported, no dates)", () => {
    const t = sc.accountability.tribunals[0];
    const longest = only(
      t?.detention ?? [],
      (d) => d.beforeFirstJudgment?.years === t?.maxYearsBeforeFirstJudgment,
      "longest detention",
    );
    expect([longest.beforeFirstJudgment?.years, longest.beforeFirstJudgment?.basis]).toEqual([
      16,
      "reported",
    ]);
    expect(longest.beforeFinalJudgment?.years).toBe(20);
  });

  it("one side never prosecuted despite documented crimes within the mandate", () => {
    const t = sc.accountability.tribunals[0];
    expect(t?.sidesNeverProsecuted).toEqual(["rpf"]);
    expect(t?.sides.find((s) => s.side === "rpf")?.incidentsInMandate).toBeGreaterThan(0);
  });

  it("the 1990–1993 massacres fall outside its temporal mandate", () => {
    const t = sc.accountability.tribunals[0];
    const outside = t?.outsideMandate ?? [];
    expect(outside.length).toBeGreaterThan(0);
    for (const o of outside) expect([o.reason, o.to < "1994-01-01"]).toEqual(["temporal", true]);
    expect(outside[0]?.from.slice(0, 4)).toBe("1990");
    expect(outside.some((o) => o.from.startsWith("1992-12"))).toBe(true);
  });
});

describe("built-in case: reports", () => {
  it("never shows the informant's identity in any format", () => {
    const secrets = bundle.records.source
      .filter((s) => s.confidential)
      .flatMap((s) => Object.values(s.protectedIdentity ?? {}));
    for (const text of [
      renderHtml(sc),
      renderMarkdown(sc),
      renderJson(sc),
      scorecardHeadlines(sc).join("\n"),
    ]) {
      for (const value of secrets) expect(text).not.toContain(value);
    }
  });

  it("says in every format when an overdue finding rests on an assumed due date", () => {
    for (const text of [renderHtml(sc), renderMarkdown(sc), scorecardHeadlines(sc).join("\n")]) {
      expect(text).toContain("due date assumed");
    }
    expect(renderJson(sc)).toContain('"dueAssumed": true');
  });
});
