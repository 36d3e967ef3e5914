/**
 * The names of a case's actors by id, as known on a day: what every analysis view carries so a reader sees
 * "United States" where the record says `usa` (ids stay on the record page).
 * @module
 */
import type { CaseBundle } from "../domain/index.js";

/**
 * Each actor's name by id, for the actors known on or before `asOf` (no look-ahead: an actor named later is
 * not in the map, and a reader sees its id until it is known).
 * @example actorNames(bundle, "1994-04-30")["usa"] // "United States"
 */
export function actorNames(bundle: CaseBundle, asOf: string): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const a of bundle.records.actor) if (a.knownAt <= asOf) out[a.id] = a.name;
  return out;
}
