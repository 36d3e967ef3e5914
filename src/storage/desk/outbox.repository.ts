/**
 * The desk's outbox (`desk_deliveries`): deliveries are queued in the transaction that issues their warning,
 * claimed under a lease by one process at a time, and finished with a receipt, a retry time or the dead letter.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import { selectDueDeliveryIds } from "../dialects/desk-claim.js";
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import type { DeliveryRow } from "./desk.table.js";

/** A delivery to queue. */
export interface NewDelivery {
  readonly id: string;
  readonly caseId: string;
  readonly warningId: string;
  readonly recipientId: string;
  readonly contactPointId: string;
  readonly channel: string;
  readonly address: string;
  readonly language: string;
  readonly purpose: "warning" | "reminder" | "escalation";
  readonly message: object;
}

/** Queue deliveries inside the caller's transaction; one already queued with the same key is left as it is. */
export async function enqueueDeliveries(
  trx: Transaction<Database>,
  deliveries: readonly NewDelivery[],
  now: string,
): Promise<void> {
  for (const d of deliveries)
    await trx
      .insertInto("desk_deliveries")
      .values({
        id: d.id,
        case_id: d.caseId,
        warning_id: d.warningId,
        recipient_id: d.recipientId,
        contact_point_id: d.contactPointId,
        channel: d.channel,
        address: d.address,
        language: d.language,
        purpose: d.purpose,
        message: JSON.stringify(d.message),
        state: "queued",
        attempts: 0,
        next_attempt_at: now,
        lease_owner: null,
        lease_until: null,
        receipt: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
}

/**
 * Claim up to `limit` due deliveries for `owner` until `leaseUntil`: each claimed row is `sending`, its attempt
 * counted. A claim whose lease runs out (the process died) is due again, so nothing is lost. With `channels`,
 * only deliveries of those channels are claimed: a process without a channel's settings leaves its rows alone
 * (no attempt spent) for one that has them.
 */
export async function claimDeliveries(
  store: Store,
  owner: string,
  now: string,
  leaseUntil: string,
  limit: number,
  channels?: readonly string[],
): Promise<DeliveryRow[]> {
  try {
    return await store.db.transaction().execute(async (trx) => {
      const ids = await selectDueDeliveryIds(trx, store.dialect, now, limit, channels);
      if (ids.length === 0) return [];
      await trx
        .updateTable("desk_deliveries")
        .set((eb) => ({
          state: "sending",
          lease_owner: owner,
          lease_until: leaseUntil,
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "in", ids)
        .execute();
      return trx
        .selectFrom("desk_deliveries")
        .selectAll()
        .where("id", "in", ids)
        .orderBy("next_attempt_at")
        .execute();
    });
  } catch (e) {
    throw toStoreError(store, e, "claim deliveries");
  }
}

/** Record a delivery the far end accepted (whoever holds the lease now: it did happen). */
export async function markDelivered(store: Store, id: string, receipt: string, at: string): Promise<void> {
  try {
    await store.db
      .updateTable("desk_deliveries")
      .set({
        state: "delivered",
        receipt,
        delivered_at: at,
        lease_owner: null,
        lease_until: null,
        last_error: null,
      })
      .where("id", "=", id)
      .where("state", "<>", "delivered")
      .execute();
  } catch (e) {
    throw toStoreError(store, e, "record a delivery");
  }
}

/**
 * Record a failed attempt by `owner`: retried at `retryAt`, or dead (`retryAt` undefined). A process that lost
 * its lease records nothing: the one holding it now decides.
 */
export async function markFailed(
  store: Store,
  id: string,
  owner: string,
  error: string,
  receipt: string | null,
  retryAt: string | undefined,
): Promise<void> {
  try {
    await store.db
      .updateTable("desk_deliveries")
      .set({
        state: retryAt === undefined ? "dead" : "failed",
        next_attempt_at: retryAt ?? "9999-12-31T00:00:00.000Z",
        last_error: error,
        receipt,
        lease_owner: null,
        lease_until: null,
      })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .where("state", "=", "sending")
      .execute();
  } catch (e) {
    throw toStoreError(store, e, "record a failed delivery");
  }
}

/** Queue a dead (or failed) delivery again now, with its attempts reset (the desk's retry button). */
export async function retryDelivery(store: Store, id: string, now: string): Promise<boolean> {
  try {
    const r = await store.db
      .updateTable("desk_deliveries")
      .set({ state: "queued", attempts: 0, next_attempt_at: now, last_error: null })
      .where("id", "=", id)
      .where("state", "in", ["dead", "failed"])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  } catch (e) {
    throw toStoreError(store, e, "retry a delivery");
  }
}

/** The deliveries of a case (or of one warning), oldest first. */
export async function listDeliveries(
  db: Kysely<Database>,
  caseId: string,
  warningId?: string,
): Promise<DeliveryRow[]> {
  let q = db.selectFrom("desk_deliveries").selectAll().where("case_id", "=", caseId);
  if (warningId !== undefined) q = q.where("warning_id", "=", warningId);
  return q.orderBy("created_at").orderBy("id").execute();
}
