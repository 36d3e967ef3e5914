/**
 * Contact points (`desk_contact_points`): where an actor of a case receives warnings. Admin-managed; read only
 * by the desk when it queues deliveries, never by public views or exports.
 * @module
 */
import { createHash } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";

export const CONTACT_CHANNELS = ["email", "webhook", "outbox"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const DESK_LANGUAGES = ["en", "fr"] as const;
export type DeskLanguage = (typeof DESK_LANGUAGES)[number];

/** One address of one actor. */
export interface ContactPoint {
  readonly id: string;
  readonly caseId: string;
  readonly actorId: string;
  readonly channel: ContactChannel;
  readonly address: string;
  readonly language: DeskLanguage;
}

/** A stable id for a contact point (so adding the same one twice is one row). */
export function contactPointId(caseId: string, actorId: string, channel: string, address: string): string {
  return `cp-${createHash("sha256").update(`${caseId}\u0000${actorId}\u0000${channel}\u0000${address}`).digest("hex").slice(0, 20)}`;
}

/**
 * Add (or keep) a contact point; its language is updated when it exists.
 * @example await addContactPoint(store, { caseId: "c", actorId: "un-hq", channel: "email", address: "a@b.org", language: "fr" }, now)
 */
export async function addContactPoint(
  store: Store,
  cp: Omit<ContactPoint, "id">,
  now: string,
): Promise<ContactPoint> {
  const id = contactPointId(cp.caseId, cp.actorId, cp.channel, cp.address);
  try {
    await store.db
      .insertInto("desk_contact_points")
      .values({
        id,
        case_id: cp.caseId,
        actor_id: cp.actorId,
        channel: cp.channel,
        address: cp.address,
        language: cp.language,
        created_at: now,
      })
      .onConflict((oc) => oc.column("id").doUpdateSet({ language: cp.language }))
      .execute();
  } catch (e) {
    throw toStoreError(store, e, "add a contact point");
  }
  return { id, ...cp };
}

/** Remove a contact point; true when there was one. */
export async function removeContactPoint(store: Store, id: string): Promise<boolean> {
  try {
    const r = await store.db.deleteFrom("desk_contact_points").where("id", "=", id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  } catch (e) {
    throw toStoreError(store, e, "remove a contact point");
  }
}

/** The contact points of some actors of a case (all of the case's when `actorIds` is undefined). */
export async function contactPointsOf(
  db: Kysely<Database> | Transaction<Database>,
  caseId: string,
  actorIds?: readonly string[],
): Promise<ContactPoint[]> {
  if (actorIds !== undefined && actorIds.length === 0) return [];
  let q = db.selectFrom("desk_contact_points").selectAll().where("case_id", "=", caseId);
  if (actorIds !== undefined) q = q.where("actor_id", "in", [...actorIds]);
  const rows = await q.orderBy("actor_id").orderBy("channel").orderBy("address").execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    actorId: r.actor_id,
    channel: r.channel as ContactChannel,
    address: r.address,
    language: r.language as DeskLanguage,
  }));
}
