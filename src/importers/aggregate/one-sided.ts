/**
 * Which incidents count as one-sided violence against civilians, and how many events an incident stands for.
 * @module
 */
import type { ActType, Incident } from "../../domain/index.js";

/** Acts that make an incident one-sided violence (ACLED violence against civilians, GED type 3, CAMEO 18x/20x). */
export const ONE_SIDED_ACTS: ReadonlySet<ActType> = new Set<ActType>([
  "attack-on-civilians",
  "killing",
  "massacre",
  "abduction",
  "sexual-violence",
  "ethnic-cleansing",
]);

/** True when any act of the incident is one-sided violence. */
export function isOneSided(incident: Incident): boolean {
  return incident.acts.some((a) => ONE_SIDED_ACTS.has(a));
}

const AGGREGATE = /^aggregate of (\d+) events\b/;

/**
 * Events an incident stands for: 1, or N for an imported aggregate (HXL/HDX HAPI rows carry
 * "aggregate of N events" in their notes).
 * @example eventsOf({ ...incident, notes: "aggregate of 7 events (civilian_targeting)" }) // 7
 */
export function eventsOf(incident: Incident): number {
  const m = incident.notes === undefined ? null : AGGREGATE.exec(incident.notes);
  return m ? Number(m[1]) : 1;
}
