import { describe, expect, it } from "vitest";
import {
  actor,
  bundle,
  capability,
  commitment,
  incident,
  mandate,
  response,
  source,
  statement,
  tribunal,
  tribunalCase,
  warning,
} from "../../../test/analysis/helpers/bundle.js";
import type { Lexicon } from "../../domain/index.js";
import type { LevelSpan } from "../level-span.js";
import { scorecardHeadlines } from "./headlines.js";
import { buildScorecard } from "./scorecard.js";

const lexicon: Lexicon = {
  version: "t",
  languages: [
    {
      language: "en",
      terms: [
        { text: "genocide", class: "naming" },
        { text: "civil war", class: "euphemism" },
      ],
      hedges: [],
    },
  ],
};
const levels: LevelSpan[] = [
  { situation: "XVL/g", level: "high", from: "1994-01-01", to: "1994-04-06" },
  { situation: "XVL/g", level: "ongoing", from: "1994-04-07", to: "1994-07-15" },
];

const tiny = bundle(
  {
    source: [
      source("src-a"),
      source("src-secret", {
        confidential: true,
        title: "Informant",
        protectedIdentity: { name: "Jean Secret" },
      }),
    ],
    actor: [
      actor("field", ["mission-on-ground"], { name: "Field" }),
      actor("hq", ["mission-headquarters"], { name: "HQ" }),
      actor("rebels", [], { side: "reb" }),
      actor("army", [], { side: "gov" }),
      actor("acc-1", [], { side: "gov" }),
    ],
    warning: [
      warning("w1", "1994-01-11", {
        sender: "field",
        recipients: ["hq"],
        citations: [{ source: "src-secret", locator: "meeting at the grain store" }],
        requestedActions: [{ id: "a1", kind: "seize-arms", description: "seize arms", dueAt: "1994-01-14" }],
      }),
    ],
    response: [
      response("r1", "1994-01-12", {
        warning: "w1",
        requestedAction: "a1",
        kind: "refusal",
        refusalReason: "neutrality",
      }),
    ],
    commitment: [
      commitment("c1", "1994-02-01", { actor: "hq", followUpDue: "1994-03-01", delivered: false }),
    ],
    mandate: [mandate("m1", "1993-10-05", { mission: "field" })],
    capability: [capability("k1", "1994-04-08/1994-04-14", { force: "army" })],
    statement: [
      statement("s1", "1994-04-10", { actor: "hq", terms: ["civil war"] }),
      statement("s2", "1994-05-27", { actor: "hq", terms: ["genocide"] }),
    ],
    tribunal: [tribunal("trib", { budget: { totalUsd: 10_000_000, approximate: false } })],
    tribunalCase: [
      tribunalCase("k-1", { accused: "acc-1", arrestedAt: "1995-01-01", firstJudgmentAt: "1999-01-01" }),
    ],
    incident: [
      incident("i1", "1994-05-01", { perpetrators: ["rebels"] }),
      incident("i0", "1992-05-01", { perpetrators: ["army"] }),
    ],
  },
  {
    sides: [
      { id: "gov", name: "Government" },
      { id: "reb", name: "Rebels" },
    ],
    evaluation: { onset: "1994-04-07" },
  },
);

describe("buildScorecard", () => {
  const sc = buildScorecard(tiny, { asOf: "2000-01-01", levels, lexicon });

  it("lists the prevention findings with their verdicts", () => {
    expect(sc.prevention.findings.map((f) => [f.id, f.verdict])).toEqual([
      ["warning:w1", "gap"],
      ["request:w1:a1", "gap"],
      ["commitment:c1", "gap"],
      ["mandate:m1", "gap"],
      ["capability:k1", "gap"],
      ["naming:hq", "gap"],
    ]);
    expect(sc.prevention.findings[1]?.text).toBe(
      '"seize arms" (seize-arms), asked by Field of HQ on 1994-01-11: refused in 1 day (reason: neutrality).',
    );
    expect(sc.prevention.findings[5]?.text).toBe(
      'HQ first named the crime on 1994-05-27, 50 days after the onset (1994-04-07); euphemisms used: "civil war".',
    );
    expect([sc.prevention.gaps, sc.prevention.met]).toEqual([6, 0]);
  });

  it("lists the punishment findings", () => {
    expect(sc.punishment.findings.map((f) => [f.id, f.verdict])).toEqual([
      ["outcomes:trib", "info"],
      ["cost:trib", "info"],
      ["detention:trib", "gap"],
      ["side:trib:gov", "info"],
      ["side:trib:reb", "gap"],
      ["jurisdiction:trib", "gap"],
    ]);
    expect(sc.punishment.findings[1]?.figures.costPerAccusedJudgedUsd).toBe(10_000_000);
  });

  it("cites a confidential source only by id and label", () => {
    const cites = sc.prevention.findings[0]?.citations;
    expect(cites).toEqual([
      { source: "src-secret", label: "Protected source", protected: true },
      { source: "src-a", label: "Title of src-a", locator: "p. 1", protected: false },
    ]);
    expect(JSON.stringify(sc)).not.toContain("Jean Secret");
    expect(JSON.stringify(sc)).not.toContain("grain store");
  });

  it("gives headline lines", () => {
    expect(scorecardHeadlines(sc)).toEqual([
      "Prevention: 1 warning (1 never acted on), 1 requested action: 1 refused, 0 lapsed, 0 answered without action, 0 acted on; median 1 day to a first response",
      "Commitments not delivered when due: 1 of 1",
      "Mandates in force at high risk or above without protection of civilians: 1; forces within reach not tasked to protect civilians at imminent risk or above: 1",
      "Naming: 1 of 1 actors named the crime; first: Name of hq 1994-05-27 (50 days after onset)".replace(
        "Name of hq",
        "HQ",
      ),
      "Punishment (Tribunal trib): 1 convicted, 0 acquitted; conviction rate 100%; 10.0 million USD per accused judged; longest detention before first judgment 4 years; never prosecuted despite documented crimes: Rebels; 1 documented incident(s) outside its mandate",
    ]);
  });

  it("counts engine alerts apart from the record's warnings in the headlines", () => {
    const alert = warning("alert-1", "1994-01-02", {
      origin: "engine",
      sender: "tocsin-engine",
      recipients: ["hq"],
      requestedActions: [{ id: "alert-1-a", kind: "monitor", description: "monitor", dueAt: "1994-01-09" }],
    });
    const withAlerts = buildScorecard(tiny, { asOf: "2000-01-01", levels, lexicon, alerts: [alert] });
    const lines = scorecardHeadlines(withAlerts);
    expect(lines[0]).toBe(scorecardHeadlines(sc)[0]);
    expect(lines[1]).toBe(
      "Engine alerts in the ledger: 1 alert (1 never acted on), 1 requested action: 0 refused, 1 lapsed, 0 answered without action, 0 acted on",
    );
    expect(withAlerts.prevention.findings[0]?.text).toMatch(
      /^Engine alert from tocsin-engine to HQ on 1994-01-02/,
    );
  });

  it("says when a due date is assumed and leaves undetermined commitments and mandates out of the counts", () => {
    const b = bundle({
      actor: [actor("field", [], { name: "Field" }), actor("hq", [], { name: "HQ" })],
      warning: [
        warning("w1", "1994-01-11", {
          sender: "field",
          recipients: ["hq"],
          requestedActions: [
            { id: "a1", kind: "seize-arms", description: "seize arms" },
            { id: "a2", kind: "monitor", description: "watch", dueAt: "1994-01-20", dueAtAssumed: true },
            { id: "a3", kind: "monitor", description: "report", dueAt: "1994-01-20" },
          ],
        }),
      ],
      commitment: [
        commitment("c1", "1994-01-01", { actor: "hq", delivered: null }),
        commitment("c2", "1994-01-01", {
          actor: "hq",
          delivered: false,
          followUpDue: "1994-02-01",
          followUpDueAssumed: true,
        }),
      ],
      mandate: [
        mandate("m1", "1994-01-05", { tasks: [], tasksKnown: false }),
        mandate("m2", "1994-01-05", { tasks: [{ text: "monitor", category: "security-monitoring" }] }),
      ],
    });
    const card = buildScorecard(b, { asOf: "1994-12-31", levels: [] as LevelSpan[] });
    const withLevels = buildScorecard(b, { asOf: "1994-12-31", levels });
    const lines = scorecardHeadlines(withLevels);
    expect(lines.slice(0, 3)).toEqual([
      "Prevention: 1 warning (1 never acted on), 3 requested actions: 0 refused, 3 lapsed (due date assumed for 2), 0 answered without action, 0 acted on",
      "Commitments not delivered when due: 1 of 1 (due date assumed for 1); 1 undetermined (delivery not known, no due date)",
      "Mandates in force at high risk or above without protection of civilians: 1 (1 more undetermined: tasks not known); forces within reach not tasked to protect civilians at imminent risk or above: 0",
    ]);
    const byId = new Map(withLevels.prevention.findings.map((f) => [f.id, f]));
    expect(byId.get("request:w1:a1")?.text).toContain("(due date assumed: default window of 30 days)");
    expect(byId.get("request:w1:a1")?.figures.dueAssumed).toBe(true);
    expect(byId.get("request:w1:a2")?.text).toContain("no response by 1994-01-20 (due date assumed);");
    expect(byId.get("request:w1:a3")?.text).not.toContain("assumed");
    expect(byId.get("request:w1:a3")?.figures.dueAssumed).toBe(false);
    expect([byId.get("commitment:c1")?.verdict, byId.get("commitment:c2")?.verdict]).toEqual(["info", "gap"]);
    expect(byId.get("commitment:c2")?.text).toContain("(due date assumed)");
    expect([byId.get("mandate:m1")?.verdict, byId.get("mandate:m2")?.verdict]).toEqual(["info", "gap"]);
    expect(card.gaps.mandates.map((m) => m.gap)).toEqual([false, false]);
  });

  it("says what it could not compute for an empty case without lexicon or levels", () => {
    const empty = buildScorecard(bundle(), { asOf: "2000-01-01", levels: [] });
    expect(empty.prevention.findings).toEqual([]);
    expect(empty.punishment.findings).toEqual([]);
    expect(empty.naming).toBeUndefined();
    expect(empty.notes).toHaveLength(2);
    expect(scorecardHeadlines(empty)).toEqual([
      "Prevention: 0 warnings (0 never acted on), 0 requested actions: 0 refused, 0 lapsed, 0 answered without action, 0 acted on",
      "Commitments not delivered when due: 0 of 0",
      "Mandates in force at high risk or above without protection of civilians: 0; forces within reach not tasked to protect civilians at imminent risk or above: 0",
    ]);
  });
});
