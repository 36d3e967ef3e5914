/** Tiny in-memory case bundles for analysis tests, built from the domain types (no case folder involved). @module */
import {
  emptyRecords,
  parseWhen,
  type Actor,
  type ActorRole,
  type Capability,
  type CaseBundle,
  type CaseManifest,
  type CaseRecords,
  type Commitment,
  type Incident,
  type Mandate,
  type Response,
  type Source,
  type Statement,
  type Tribunal,
  type TribunalCase,
  type When,
  type Warning,
} from "../../../src/domain/index.js";

/** A When from its human form ("1994-01-11", "1994-04", "1990/1993"). */
export function when(text: string): When {
  const w = parseWhen(text);
  if ("error" in w) throw new Error(`when(${text}): ${w.error}`);
  return w;
}

const CITE = [{ source: "src-a", locator: "p. 1" }];

/** Fields every record needs; `knownAt` defaults to the last day of `occurredAt`. */
function base(id: string, at: string, knownAt?: string) {
  const w = when(at);
  return { id, occurredAt: w, knownAt: knownAt ?? w.to, citations: CITE };
}

export function actor(id: string, roles: readonly ActorRole[] = [], extra: Partial<Actor> = {}): Actor {
  return {
    ...base(id, "1990-01-01"),
    kind: "state",
    name: `Name of ${id}`,
    dutyBearer: true,
    roles,
    ...extra,
  };
}

export function source(id: string, extra: Partial<Source> = {}): Source {
  return {
    ...base(id, "1990-01-01"),
    kind: "article",
    title: `Title of ${id}`,
    reliability: "B",
    credibility: 2,
    confidential: false,
    ...extra,
  };
}

export function warning(id: string, at: string, extra: Partial<Warning> = {}): Warning {
  return {
    ...base(id, at),
    sender: "sender",
    recipients: ["hq"],
    channel: "cable",
    summary: `Summary of ${id}`,
    requestedActions: [],
    evidence: [],
    origin: "human",
    ...extra,
  };
}

export function response(id: string, at: string, extra: Partial<Response> = {}): Response {
  return { ...base(id, at), actor: "hq", kind: "acknowledgement", summary: `Summary of ${id}`, ...extra };
}

export function commitment(id: string, at: string, extra: Partial<Commitment> = {}): Commitment {
  return {
    ...base(id, at),
    actor: "state-b",
    kind: "threat",
    measure: `Measure of ${id}`,
    delivered: null,
    ...extra,
  };
}

export function mandate(id: string, at: string, extra: Partial<Mandate> = {}): Mandate {
  return {
    ...base(id, at),
    body: "council",
    mission: "mission",
    legalBasis: "chapter-vi",
    tasks: [{ text: "monitor the ceasefire", category: "ceasefire-monitoring" }],
    ...extra,
  };
}

export function capability(id: string, at: string, extra: Partial<Capability> = {}): Capability {
  return {
    ...base(id, at),
    force: "force",
    location: "nearby",
    tasking: "evacuation-only",
    summary: `Summary of ${id}`,
    ...extra,
  };
}

export function statement(id: string, at: string, extra: Partial<Statement> = {}): Statement {
  return {
    ...base(id, at),
    actor: "speaker",
    language: "en",
    summary: `Summary of ${id}`,
    terms: [],
    ...extra,
  };
}

export function incident(id: string, at: string, extra: Partial<Incident> = {}): Incident {
  return {
    ...base(id, at),
    summary: `Summary of ${id}`,
    acts: ["massacre"],
    place: { country: "XVL" },
    perpetrators: [],
    organised: "documented",
    stateInvolvement: "alleged",
    ...extra,
  };
}

export function tribunal(id: string, extra: Partial<Tribunal> = {}): Tribunal {
  return {
    ...base(id, "1995-01-01"),
    actor: "court",
    name: `Tribunal ${id}`,
    mandate: {
      temporal: { from: "1994-01-01", to: "1994-12-31" },
      territorial: ["XVL"],
      subjectMatter: ["genocide"],
    },
    ...extra,
  };
}

export function tribunalCase(id: string, extra: Partial<TribunalCase> = {}): TribunalCase {
  return {
    ...base(id, "1996-01-01"),
    tribunal: "trib",
    accused: `acc-${id}`,
    charges: [],
    outcome: "convicted",
    ...extra,
  };
}

export const MANIFEST: CaseManifest = {
  id: "tiny",
  title: "Tiny case",
  region: "Nowhere",
  countries: ["XVL"],
  period: { from: "1990-01-01", to: "1999-12-31" },
  sides: [],
  escalationChain: [],
};

/** A bundle with the given records (the rest empty) and manifest overrides. */
export function bundle(records: Partial<CaseRecords> = {}, manifest: Partial<CaseManifest> = {}): CaseBundle {
  return {
    manifest: { ...MANIFEST, ...manifest },
    records: { ...emptyRecords(), source: [source("src-a")], ...records },
  };
}
