/**
 * Structural factors of a situation as the records show them, read independently of the engine's rulebook: a
 * record of serious violations against the group (or the country's civilians), a discriminatory measure against
 * it, or an armed conflict in the country that no ceasefire or peace agreement has followed. The evaluation uses
 * it to count the times the engine dropped a situation to none while such a factor stood.
 * @module
 */
import { targetGroupsOf, type ActType, type CaseBundle, type Incident } from "../../domain/index.js";

/** Acts that make a record of serious violations, or of persecution, when aimed at the group or at civilians. */
const SERIOUS: ReadonlySet<ActType> = new Set<ActType>([
  "killing",
  "massacre",
  "torture",
  "sexual-violence",
  "arbitrary-detention",
  "forced-displacement",
  "destruction-of-property",
  "abduction",
  "attack-on-civilians",
  "separation-of-men",
  "ethnic-cleansing",
  "denial-of-citizenship",
  "discriminatory-measures",
  "registration-of-group",
  "restriction-of-movement",
]);
const CONFLICT: ReadonlySet<ActType> = new Set<ActType>(["armed-clash", "invasion"]);
const PEACE: ReadonlySet<ActType> = new Set<ActType>(["ceasefire", "peace-agreement"]);

const eventDay = (i: Incident): string => (i.occurredAt.to < i.knownAt ? i.occurredAt.to : i.knownAt);

/**
 * The structural factors standing for situation `situationId` (`CCC/group`, `CCC/*`, `CCC/*` plus a region) on
 * `day`, from the incidents known by then; empty when none stands.
 * @example structuralFactors(bundle, "RWA/tutsi", "1993-01-01") // ["violations against the group: inc-1990-10-killings"]
 */
export function structuralFactors(bundle: CaseBundle, situationId: string, day: string): string[] {
  const [country, group] = situationId.split("/") as [string, string];
  const known = bundle.records.incident.filter((i) => i.knownAt <= day && i.place.country === country);
  const out: string[] = [];
  const violation = known.find((i) => {
    const groups = targetGroupsOf(i);
    const aimed = group === "*" ? groups.length === 0 : groups.includes(group);
    return aimed && i.acts.some((a) => SERIOUS.has(a));
  });
  if (violation)
    out.push(
      `${group === "*" ? "violations against civilians" : "violations against the group"}: ${violation.id}`,
    );
  const clashes = known.filter((i) => i.acts.some((a) => CONFLICT.has(a)));
  const lastClash = clashes.map(eventDay).sort().at(-1);
  if (lastClash !== undefined) {
    const peace = known.some((i) => i.acts.some((a) => PEACE.has(a)) && eventDay(i) >= lastClash);
    if (!peace) out.push(`armed conflict with no ceasefire or peace agreement after ${lastClash}`);
  }
  return out;
}
