/**
 * Actors: states, UN organs and officials, missions, organisations, armed groups, people — anyone who acts,
 * is warned, or is accused. An actor may be a duty-bearer under the Genocide Convention.
 * @module
 */
import type { RecordBase } from "./record.js";

export const ACTOR_KINDS = [
  "state",
  "government",
  "un-organ",
  "un-mission",
  "un-official",
  "un-department",
  "regional-org",
  "ngo",
  "inquiry",
  "media",
  "armed-force",
  "armed-group",
  "militia",
  "tribunal",
  "person",
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * Roles an actor plays in the prevention chain. The engine and the ledger use roles, never names, to decide
 * whom to notify and where to escalate.
 */
export const ACTOR_ROLES = [
  "mission-on-ground",
  "mission-headquarters",
  "secretary-general",
  "security-council",
  "state-with-forces-nearby",
  "troop-contributor",
  "permanent-member",
  "regional-body",
  "human-rights-mechanism",
  "territorial-state",
  "perpetrator",
  "prosecutor",
  "court",
  "informant",
  "media",
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Actor extends RecordBase {
  readonly kind: ActorKind;
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Actor this one belongs to (a minister to a government, a battalion to a state). */
  readonly memberOf?: string;
  /** A side in the conflict, by id from the case manifest's `sides` (for one-sidedness of justice). */
  readonly side?: string;
  /** ISO 3166-1 alpha-3 code of the state the actor belongs to, where it has one. */
  readonly country?: string;
  readonly dutyBearer: boolean;
  readonly roles: readonly ActorRole[];
  /** Case format 2: roles that hold only for a period (a Council seat, a mission's deployment, a post). */
  readonly periodRoles?: readonly PeriodRole[];
}

/** A role held from `from` to `to` (both days included; no `to` means still held). */
export interface PeriodRole {
  readonly role: ActorRole;
  readonly from: string;
  readonly to?: string;
}

/**
 * The roles an actor holds on `day`: its standing `roles` and the `periodRoles` in force that day.
 * @example rolesOn({ roles: ["media"], periodRoles: [{ role: "security-council", from: "1994-01-01", to: "1995-12-31" }] }, "1996-01-01") // ["media"]
 */
export function rolesOn(actor: Pick<Actor, "roles" | "periodRoles">, day: string): readonly ActorRole[] {
  if (actor.periodRoles === undefined || actor.periodRoles.length === 0) return actor.roles;
  const out = [...actor.roles];
  for (const p of actor.periodRoles)
    if (p.from <= day && (p.to === undefined || day <= p.to) && !out.includes(p.role)) out.push(p.role);
  return out;
}
