/** A tiny rulebook and record builders for engine unit tests, small enough to compute results by hand. @module */
import {
  emptyRecords,
  type Actor,
  type CaseBundle,
  type CaseRecords,
  type Incident,
  type ProtectedGroup,
  type Source,
} from "../../src/domain/index.js";
import { checkRulebook, type RulebookDocument, type ValidRulebook } from "../../src/engine/index.js";

/** Indicators: C1 context (2 points), T1 targeting + mass-killing (10), P1 and P2 preparation (5 each). Half-life 10 days. */
export function tinyDocument(): RulebookDocument {
  return {
    id: "tiny",
    version: "1",
    title: "Tiny test rulebook",
    riskFactors: [
      { id: "F1", name: "Context", scope: "common" },
      { id: "F2", name: "Group", scope: "genocide" },
    ],
    indicators: [
      {
        id: "C1",
        factor: "F1",
        text: "armed conflict",
        weight: 2,
        halfLifeDays: 10,
        saturation: 1,
        signals: ["context"],
      },
      {
        id: "T1",
        factor: "F2",
        text: "killing of group members",
        weight: 10,
        halfLifeDays: 10,
        saturation: 1,
        signals: ["targeting", "mass-killing"],
      },
      {
        id: "P1",
        factor: "F2",
        text: "arms",
        weight: 5,
        halfLifeDays: 10,
        saturation: 1,
        signals: ["preparation"],
      },
      {
        id: "P2",
        factor: "F2",
        text: "militia",
        weight: 5,
        halfLifeDays: 10,
        saturation: 1,
        signals: ["preparation"],
      },
      {
        id: "D1",
        factor: "F2",
        text: "preparation as a whole",
        weight: 4,
        halfLifeDays: 10,
        saturation: 1,
        signals: ["organisation"],
        derivedFrom: { indicators: ["P1", "P2"], minPresent: 2 },
      },
    ],
    mappings: [
      {
        id: "clash",
        record: "incident",
        when: { acts: ["armed-clash"] },
        indicators: [{ indicator: "C1", strength: 1 }],
      },
      {
        id: "kill",
        record: "incident",
        when: { acts: ["massacre"], targetsGroup: true },
        indicators: [{ indicator: "T1", strength: 1 }],
      },
      {
        id: "arms",
        record: "incident",
        when: { acts: ["arms-cache"] },
        indicators: [{ indicator: "P1", strength: 1 }],
      },
      {
        id: "militia",
        record: "incident",
        when: { acts: ["militia-training"] },
        indicators: [{ indicator: "P2", strength: 1 }],
      },
    ],
    grading: {
      reliability: { A: 1, B: 0.9, C: 0.75, D: 0.55, E: 0.35, F: 0.5 },
      credibility: { "1": 1, "2": 0.9, "3": 0.75, "4": 0.5, "5": 0.25, "6": 0.45 },
      unknownSource: 0.5,
    },
    magnitude: { perTenfoldFatalities: 0, max: 1 },
    presence: { minStrength: 0.2 },
    evidencePerIndicator: 3,
    levels: [
      { id: "elevated", level: "elevated", minScore: 1, requires: [], explanation: "any evidence" },
      {
        id: "high",
        level: "high",
        minScore: 5,
        requires: [{ signals: ["targeting"], minIndicators: 1 }],
        explanation: "targeting",
      },
      {
        id: "imminent",
        level: "imminent",
        minScore: 5,
        requires: [
          { signals: ["preparation"], minIndicators: 2 },
          { signals: ["targeting"], minIndicators: 1 },
        ],
        explanation: "preparation and targeting",
      },
      {
        id: "ongoing",
        level: "ongoing",
        minScore: 0,
        requires: [{ signals: ["targeting"], minIndicators: 1 }],
        current: { signals: ["mass-killing"], withinDays: 7, minFatalities: 100, minRecords: 1 },
        explanation: "100 deaths in a week",
      },
    ],
    escalation: {
      stages: [
        { id: "preparation", name: "Preparation", follows: null, indicators: ["P1", "P2"] },
        { id: "persecution", name: "Persecution", follows: "preparation", indicators: ["T1"] },
        {
          id: "extermination",
          name: "Extermination",
          follows: "persecution",
          indicators: [],
          reachedAtLevel: "ongoing",
        },
      ],
    },
    playbook: [
      {
        level: "elevated",
        actions: [{ kind: "monitor", description: "watch", dueInDays: 30 }],
        notifyRoles: ["human-rights-mechanism"],
      },
      {
        level: "high",
        actions: [{ kind: "public-naming", description: "name it", dueInDays: 7 }],
        notifyRoles: ["mission-on-ground"],
      },
      {
        level: "imminent",
        actions: [
          { kind: "seize-arms", description: "seize the arms", dueInDays: 2 },
          { kind: "protect-informant", description: "protect the informant", dueInDays: 1 },
        ],
        notifyRoles: ["mission-on-ground", "security-council"],
      },
      {
        level: "ongoing",
        actions: [{ kind: "protect-civilians", description: "protect", dueInDays: 0 }],
        notifyRoles: ["security-council"],
      },
    ],
  };
}

/** The tiny rulebook, checked. */
export function tinyRulebook(): ValidRulebook {
  const r = checkRulebook(tinyDocument());
  if (!r.ok) throw new Error(`tiny rulebook invalid: ${JSON.stringify(r.problems)}`);
  return r.rulebook;
}

const day = (d: string) => ({ from: d, to: d, precision: "day" as const });

/** A source graded `grade` (e.g. "A1"), known on `knownAt`. */
export function source(id: string, grade: string, knownAt: string, confidential = false): Source {
  return {
    id,
    kind: confidential ? "informant" : "report",
    title: confidential ? "Confidential informant" : `Report ${id}`,
    occurredAt: day(knownAt),
    knownAt,
    citations: [{ source: id, locator: "whole" }],
    reliability: grade[0] as Source["reliability"],
    credibility: Number(grade[1]) as Source["credibility"],
    confidential,
    ...(confidential ? { protectedIdentity: { name: "Secret Name", contact: "secret@example.org" } } : {}),
  };
}

/** An incident in country ZZA (or `country`) on `on`, known then, citing `sources`. */
export function incident(
  id: string,
  acts: Incident["acts"],
  on: string,
  sources: readonly string[],
  extra: Partial<Incident> = {},
): Incident {
  return {
    id,
    occurredAt: day(on),
    knownAt: on,
    citations: sources.map((s) => ({ source: s, locator: `p. ${id}` })),
    summary: `incident ${id}`,
    acts,
    place: { country: "ZZA" },
    perpetrators: [],
    organised: "documented",
    stateInvolvement: "unknown",
    ...extra,
  };
}

export function group(
  id: string,
  name: string,
  countries: readonly string[],
  knownAt = "2000-01-01",
): ProtectedGroup {
  return {
    id,
    name,
    kind: "ethnical",
    countries,
    occurredAt: day(knownAt),
    knownAt,
    citations: [{ source: "s-a1", locator: "x" }],
  };
}

export function actor(id: string, roles: Actor["roles"], knownAt = "2000-01-01"): Actor {
  return {
    id,
    kind: "un-mission",
    name: id,
    dutyBearer: true,
    roles,
    occurredAt: day(knownAt),
    knownAt,
    citations: [{ source: "s-a1", locator: "x" }],
  };
}

/** A bundle for country ZZA over 2000-01-01 … 2000-12-31 with the given records. */
export function bundle(
  records: Partial<CaseRecords>,
  evaluation?: CaseBundle["manifest"]["evaluation"],
): CaseBundle {
  return {
    manifest: {
      id: "tiny-case",
      title: "Tiny case",
      region: "Nowhere",
      countries: ["ZZA"],
      period: { from: "2000-01-01", to: "2000-12-31" },
      sides: [],
      escalationChain: [],
      ...(evaluation ? { evaluation } : {}),
    },
    records: { ...emptyRecords(), ...records },
  };
}
