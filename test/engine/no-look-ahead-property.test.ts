// The no-look-ahead property over every kind of evidence the engine reads since rulebook 3: random cases of
// incidents (sieges, separations, displacement, mass graves, counts of the displaced and of civilian deaths,
// several target groups), reports with crime findings, statements read with the lexicon, warnings with their
// risk, and sources known early or late with every grade. On any day D, the assessment and the replay up to D
// are identical whether or not the records known after D exist — and a replay's day equals a fresh assessment.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addDays,
  emptyRecords,
  type ActType,
  type CaseBundle,
  type Incident,
  type Lexicon,
  type Report,
  type Source,
  type Statement,
  type Warning,
} from "../../src/domain/index.js";
import { assess, replay, type ValidRulebook } from "../../src/engine/index.js";
import { packageLexicon, packageRulebook, truncate } from "./engine-cases.js";

let rulebook: ValidRulebook;
let lexicon: Lexicon;
beforeAll(async () => {
  rulebook = await packageRulebook();
  lexicon = await packageLexicon();
});

const ACTS: readonly ActType[] = [
  "killing",
  "massacre",
  "siege",
  "separation-of-men",
  "forced-displacement",
  "mass-grave",
  "denial-of-citizenship",
  "discriminatory-measures",
  "arms-distribution",
  "militia-training",
  "registration-of-group",
  "hostage-taking",
  "attack-on-aid-workers",
  "attack-on-civilians",
  "armed-clash",
  "ceasefire",
  "hate-propaganda",
  "assassination-of-leader",
];
const GRADES = ["A1", "B2", "C3", "D4", "F6"] as const;
const TERMS = ["ethnic cleansing", "genocide", "crimes against humanity", "risk of genocide", "civil war"];
const START = "2010-01-01";
const day = (n: number) => addDays(START, n);

const arbSource = fc.record({ grade: fc.constantFrom(...GRADES), known: fc.integer({ min: 0, max: 700 }) });
const arbIncident = fc.record({
  acts: fc.uniqueArray(fc.constantFrom(...ACTS), { minLength: 1, maxLength: 3 }),
  groups: fc.subarray(["g1", "g2"]),
  start: fc.integer({ min: 0, max: 700 }),
  span: fc.constantFrom(0, 0, 10, 90),
  lag: fc.integer({ min: 0, max: 200 }),
  deaths: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  displaced: fc.option(fc.integer({ min: 0, max: 60000 }), { nil: undefined }),
  civilians: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
  organised: fc.constantFrom("unknown", "alleged", "documented", "confirmed"),
  state: fc.constantFrom("unknown", "none", "documented", "confirmed"),
  source: fc.nat(5),
});
const arbReport = fc.record({
  crime: fc.constantFrom("genocide", "crimes-against-humanity", "war-crimes", "ethnic-cleansing"),
  finding: fc.constantFrom("risk", "alleged", "likely", "established"),
  ongoing: fc.boolean(),
  group: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
  at: fc.integer({ min: 0, max: 700 }),
  author: fc.constantFrom("un", "gov", "ngo"),
  source: fc.nat(5),
});
const arbStatement = fc.record({
  terms: fc.subarray(TERMS, { minLength: 1 }),
  past: fc.boolean(),
  language: fc.constantFrom("en", "fr", "xx"),
  group: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
  at: fc.integer({ min: 0, max: 700 }),
  actor: fc.constantFrom("un", "gov", "ngo"),
  source: fc.nat(5),
});
const arbWarning = fc.record({
  imminent: fc.boolean(),
  group: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
  at: fc.integer({ min: 0, max: 700 }),
  source: fc.nat(5),
});

type Arb<T> = T extends fc.Arbitrary<infer U> ? U : never;

function build(
  sources: Arb<typeof arbSource>[],
  incidents: Arb<typeof arbIncident>[],
  reports: Arb<typeof arbReport>[],
  statements: Arb<typeof arbStatement>[],
  warnings: Arb<typeof arbWarning>[],
): CaseBundle {
  const src = (n: number) => `src-${n % Math.max(1, sources.length)}`;
  const cite = (n: number) => [{ source: src(n), locator: "p. 1" }];
  const when = (n: number) => ({ from: day(n), to: day(n), precision: "day" as const });
  const records = emptyRecords();
  const actor = (id: string, kind: "un-official" | "government" | "ngo", extra = {}) => ({
    id,
    kind,
    name: id,
    occurredAt: when(0),
    knownAt: day(0),
    citations: cite(0),
    dutyBearer: false,
    roles: [],
    ...extra,
  });
  return {
    manifest: {
      id: "prop",
      title: "Property case",
      region: "Nowhere",
      countries: ["XAA"],
      period: { from: day(0), to: day(900) },
      sides: [],
      escalationChain: [],
      formatVersion: 2,
    },
    records: {
      ...records,
      actor: [
        actor("un", "un-official"),
        actor("gov", "government", { country: "XAA", roles: ["territorial-state"] }),
        actor("ngo", "ngo"),
      ],
      group: ["g1", "g2"].map((id) => ({
        id,
        name: id,
        kind: "ethnical" as const,
        countries: ["XAA"],
        occurredAt: when(0),
        knownAt: day(0),
        citations: cite(0),
      })),
      source: sources.map((s, i): Source => ({
        id: `src-${i}`,
        kind: "report",
        title: `Source ${i}`,
        occurredAt: when(s.known),
        knownAt: day(s.known),
        citations: [{ source: `src-${i}`, locator: "whole" }],
        reliability: s.grade[0] as Source["reliability"],
        credibility: Number(s.grade[1]) as Source["credibility"],
        confidential: false,
      })),
      incident: incidents.map((x, i): Incident => ({
        id: `inc-${String(i).padStart(3, "0")}`,
        summary: "generated",
        acts: x.acts,
        place: { country: "XAA", admin1: i % 2 === 0 ? "North" : "South" },
        perpetrators: [],
        ...(x.groups.length === 1 ? { targetGroup: x.groups[0] } : {}),
        ...(x.groups.length > 1 ? { targetGroups: x.groups } : {}),
        ...(x.deaths === undefined ? {} : { fatalities: { best: x.deaths } }),
        ...(x.displaced === undefined ? {} : { displaced: { best: x.displaced } }),
        ...(x.civilians === undefined ? {} : { civilianFatalities: { best: x.civilians } }),
        organised: x.organised as Incident["organised"],
        stateInvolvement: x.state as Incident["stateInvolvement"],
        occurredAt: { from: day(x.start), to: day(x.start + x.span), precision: x.span ? "range" : "day" },
        knownAt: day(x.start + x.span + x.lag),
        citations: cite(x.source),
      })),
      report: reports.map((x, i): Report => ({
        id: `rep-${i}`,
        title: "generated",
        authors: [x.author],
        ...(x.group ? { targetGroup: x.group } : { country: "XAA" }),
        findings: [],
        qualification: "not-addressed",
        recommendations: [],
        mentionsGenocideRisk: false,
        crimes: [{ crime: x.crime as never, finding: x.finding as never, ongoing: x.ongoing }],
        occurredAt: when(x.at),
        knownAt: day(x.at),
        citations: cite(x.source),
      })),
      statement: statements.map((x, i): Statement => ({
        id: `stmt-${i}`,
        actor: x.actor,
        language: x.language,
        summary: "generated",
        terms: x.terms,
        ...(x.group ? { targetGroup: x.group } : { country: "XAA" }),
        ...(x.past ? { refersTo: "past" as const } : {}),
        occurredAt: when(x.at),
        knownAt: day(x.at),
        citations: cite(x.source),
      })),
      warning: warnings.map((x, i): Warning => ({
        id: `warn-${i}`,
        sender: "un",
        recipients: ["gov"],
        channel: "letter",
        summary: "generated",
        ...(x.group ? { targetGroup: x.group } : { country: "XAA" }),
        requestedActions: [],
        evidence: [],
        origin: "human",
        risk: { crimes: ["genocide"], imminent: x.imminent },
        occurredAt: when(x.at),
        knownAt: day(x.at),
        citations: cite(x.source),
      })),
    },
  };
}

describe("no look-ahead over every kind of evidence (property)", () => {
  it("assesses and replays day D identically without the records known after D", () => {
    let levelsSeen = 0;
    fc.assert(
      fc.property(
        fc.array(arbSource, { minLength: 1, maxLength: 6 }),
        fc.array(arbIncident, { maxLength: 25 }),
        fc.array(arbReport, { maxLength: 5 }),
        fc.array(arbStatement, { maxLength: 5 }),
        fc.array(arbWarning, { maxLength: 4 }),
        fc.integer({ min: 0, max: 900 }),
        (sources, incidents, reports, statements, warnings, cut) => {
          const full = build(sources, incidents, reports, statements, warnings);
          const d = day(cut);
          const past = truncate(full, d);
          const a = assess(full, rulebook, d, [], { lexicon });
          expect(assess(past, rulebook, d, [], { lexicon })).toEqual(a);
          const opts = { step: "month" as const, to: d, lexicon };
          const r1 = replay(full, rulebook, opts);
          const r2 = replay(past, rulebook, opts);
          expect(r2.alerts).toEqual(r1.alerts);
          expect(r2.notices).toEqual(r1.notices.filter((n) => r2.notices.includes(n)));
          // The replay's last day is a fresh assessment of that day.
          expect(r1.final.map((x) => [x.situation.id, x.level])).toEqual(
            a.map((x) => [x.situation.id, x.level]),
          );
          levelsSeen += a.filter((x) => x.level !== "none").length;
        },
      ),
      { numRuns: 60 },
    );
    // The property only means something if levels are reached.
    expect(levelsSeen).toBeGreaterThan(30);
  }, 180_000);
});
