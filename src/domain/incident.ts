/**
 * Incidents: what was done, to whom, by whom, where and when, with its toll and the evidence of organisation.
 * @module
 */
import type { RecordBase } from "./record.js";

/** The acts an incident may involve. Kept in one list so rules, importers and the UI share the taxonomy. */
export const ACT_TYPES = [
  "killing",
  "massacre",
  "arbitrary-detention",
  "registration-of-group",
  "arms-distribution",
  "arms-cache",
  "militia-training",
  "hate-propaganda",
  "sexual-violence",
  "forced-displacement",
  "attack-on-peacekeepers",
  "assassination-of-leader",
  "torture",
  "destruction-of-property",
  "armed-clash",
  "invasion",
  "coup-attempt",
  "restriction-of-movement",
  "denial-of-humanitarian-access",
  "protest-repression",
  "political-violence",
  // Event-data categories (ACLED, UCDP GED, GDELT CAMEO, HXL); see docs/importers.md for the mapping.
  "attack-on-civilians",
  "abduction",
  "remote-violence",
  "ethnic-cleansing",
  "protest",
  "riot",
  "strategic-development",
  // Case format 2: acts the engine reads as signs of atrocity crimes or of their concealment, and de-escalation.
  /** Siege or blockade of a place or population (food, water, medicine or movement cut off). */
  "siege",
  /** Men and boys separated from women and children. */
  "separation-of-men",
  /** A mass grave dug or found. */
  "mass-grave",
  /** Bodies moved or reburied, evidence destroyed, sites closed to investigators. */
  "concealment-of-crimes",
  /** A law or policy that strips a group of citizenship or legal status. */
  "denial-of-citizenship",
  /** Laws or policies that exclude a group: dismissals, segregation, bans on its language, schools or religion. */
  "discriminatory-measures",
  "hostage-taking",
  "attack-on-aid-workers",
  /** De-escalation: a ceasefire signed or in force. */
  "ceasefire",
  /** De-escalation: a peace agreement signed. */
  "peace-agreement",
  /** Crimes the source does not specify further (e.g. "crimes within the tribunal's mandate"). */
  "other",
] as const;
export type ActType = (typeof ACT_TYPES)[number];

/** Where: an ISO 3166-1 alpha-3 country, optional admin levels and coordinates with their precision. */
export interface Place {
  readonly country: string;
  readonly admin1?: string;
  readonly admin2?: string;
  readonly name?: string;
  readonly lat?: number;
  readonly lon?: number;
  /** 1 exact … 3 admin-level / approximate; as the datasets code it. */
  readonly geoPrecision?: number;
}

/** A count known only within bounds. */
export interface Estimate {
  readonly low?: number;
  readonly best?: number;
  readonly high?: number;
}

export const INVOLVEMENT = ["none", "alleged", "documented", "confirmed", "unknown"] as const;
export type Involvement = (typeof INVOLVEMENT)[number];

export interface Incident extends RecordBase {
  readonly summary: string;
  readonly acts: readonly ActType[];
  readonly place: Place;
  readonly perpetrators: readonly string[];
  readonly targetGroup?: string;
  /** Case format 2: every protected group the incident targets, when there are several (with `targetGroup`). */
  readonly targetGroups?: readonly string[];
  readonly targets?: readonly string[];
  readonly fatalities?: Estimate;
  /** Case format 2: how many of `fatalities` were civilians (for mixed events such as shelling or battles). */
  readonly civilianFatalities?: Estimate;
  readonly detained?: Estimate;
  /** Case format 2: people forcibly displaced. */
  readonly displaced?: Estimate;
  /** Case format 2: people injured. */
  readonly injured?: Estimate;
  /** Case format 2: victims of sexual violence. */
  readonly sexualViolence?: Estimate;
  /** Evidence that the violence was organised rather than spontaneous. */
  readonly organised: Involvement;
  /** Evidence of the state's involvement. */
  readonly stateInvolvement: Involvement;
  /**
   * This record summarises this many events (a positive integer), e.g. an imported monthly aggregate of
   * conflict events; absent means one. Event-count series (the engine's `series` mappings) count it N times.
   */
  readonly eventCount?: number;
}

/** How many events an incident stands for: its `eventCount`, else 1. @example eventsOf({ ...i, eventCount: 7 }) // 7 */
export function eventsOf(incident: Incident): number {
  return incident.eventCount ?? 1;
}

/** The best single figure of an estimate: best, else the middle of low and high, else whichever exists. */
export function bestOf(e: Estimate | undefined): number | undefined {
  if (!e) return undefined;
  if (e.best !== undefined) return e.best;
  if (e.low !== undefined && e.high !== undefined) return (e.low + e.high) / 2;
  return e.low ?? e.high;
}

/**
 * Every group a record targets: `targetGroup` first, then `targetGroups`, each once.
 * @example targetGroupsOf({ targetGroup: "a", targetGroups: ["b", "a"] }) // ["a", "b"]
 */
export function targetGroupsOf(r: {
  readonly targetGroup?: string;
  readonly targetGroups?: readonly string[];
}): readonly string[] {
  if (r.targetGroups === undefined || r.targetGroups.length === 0)
    return r.targetGroup === undefined ? [] : [r.targetGroup];
  const out = r.targetGroup === undefined ? [] : [r.targetGroup];
  for (const g of r.targetGroups) if (!out.includes(g)) out.push(g);
  return out;
}
