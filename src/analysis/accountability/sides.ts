/**
 * One-sidedness and jurisdiction coverage: accused per side against documented crimes per perpetrator side,
 * and documented crimes that fall outside a tribunal's temporal or territorial mandate.
 * @module
 */
import type { Actor, ActType, CaseManifest, Incident, Tribunal, TribunalCase } from "../../domain/index.js";

/**
 * Acts that are not in themselves crimes a tribunal tries: fighting (armed clashes, an invasion, a coup
 * attempt) and preparations (arms caches and distribution, militia training, registering a group) are evidence
 * of risk, not crimes against persons. Every other act — including "other" and any act added later — counts.
 */
export const NON_CRIME_ACTS: readonly ActType[] = [
  "armed-clash",
  "invasion",
  "coup-attempt",
  "arms-cache",
  "arms-distribution",
  "militia-training",
  "registration-of-group",
];

/** True when an incident involves at least one crime act. */
export function isCrime(i: Incident): boolean {
  return i.acts.some((a) => !NON_CRIME_ACTS.includes(a));
}

/** The side of an actor: its own, else the side of what it belongs to (one level up, then the next…). */
export function sideOf(actorId: string, actors: readonly Actor[]): string | undefined {
  const seen = new Set<string>();
  let current = actors.find((a) => a.id === actorId);
  while (current && !seen.has(current.id)) {
    if (current.side !== undefined) return current.side;
    seen.add(current.id);
    const parent = current.memberOf;
    current = parent === undefined ? undefined : actors.find((a) => a.id === parent);
  }
  return undefined;
}

/** Whether an incident falls inside the tribunal's temporal and territorial mandate. */
export function coverage(
  i: Incident,
  t: Tribunal,
): { temporal: boolean; territorial: boolean | "uncertain" } {
  const temporal = !(i.occurredAt.to < t.mandate.temporal.from || i.occurredAt.from > t.mandate.temporal.to);
  const inTerritory = t.mandate.territorial.includes(i.place.country);
  // "and neighbouring States": the record does not say which states border which, so say so instead of guessing.
  const territorial = inTerritory ? true : t.mandate.includesNeighbours ? "uncertain" : false;
  return { temporal, territorial };
}

export interface SideRecord {
  readonly side: string;
  readonly name: string;
  readonly accused: number;
  /** Documented crime incidents with a perpetrator of this side, in all. */
  readonly incidents: number;
  /** … of which inside the tribunal's mandate (time and territory). */
  readonly incidentsInMandate: number;
  readonly incidentIds: readonly string[];
  /** A side with documented crimes inside the mandate and no accused. */
  readonly flagged: boolean;
}

/**
 * Accused and documented crimes per side of the case.
 * @example sideRecords(manifest, tribunal, cases, incidents, actors).filter((s) => s.flagged)
 */
export function sideRecords(
  manifest: CaseManifest,
  tribunal: Tribunal,
  cases: readonly TribunalCase[],
  incidents: readonly Incident[],
  actors: readonly Actor[],
): SideRecord[] {
  return manifest.sides.map((side): SideRecord => {
    const accused = new Set(
      cases.filter((c) => (c.side ?? sideOf(c.accused, actors)) === side.id).map((c) => c.accused),
    );
    const own = incidents.filter(
      (i) => isCrime(i) && i.perpetrators.some((p) => sideOf(p, actors) === side.id),
    );
    const inMandate = own.filter((i) => {
      const c = coverage(i, tribunal);
      return c.temporal && c.territorial === true;
    });
    return {
      side: side.id,
      name: side.name,
      accused: accused.size,
      incidents: own.length,
      incidentsInMandate: inMandate.length,
      incidentIds: own.map((i) => i.id),
      flagged: inMandate.length > 0 && accused.size === 0,
    };
  });
}
