/**
 * Claiming due deliveries of the desk's outbox: the one place the two dialects differ. PostgreSQL locks the rows
 * it picks with `FOR UPDATE SKIP LOCKED`, so several processes claim disjoint batches at once; SQLite has one
 * writer at a time (and one worker process, see worker leases), so a plain select inside the write transaction
 * is enough.
 * @module
 */
import type { Transaction } from "kysely";
import type { Database } from "../database.js";
import type { StoreDialectName } from "../store.js";

/**
 * Ids of up to `limit` deliveries due at `now`: queued or failed ones whose next attempt has come, and
 * `sending` ones whose lease ran out (the process that held them died or stalled), oldest due first; only those
 * of `channels` (the ones the claiming process can send) when given.
 */
export async function selectDueDeliveryIds(
  trx: Transaction<Database>,
  dialect: StoreDialectName,
  now: string,
  limit: number,
  channels?: readonly string[],
): Promise<string[]> {
  if (channels !== undefined && channels.length === 0) return [];
  let q = trx
    .selectFrom("desk_deliveries")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("state", "in", ["queued", "failed"]), eb("next_attempt_at", "<=", now)]),
        eb.and([eb("state", "=", "sending"), eb("lease_until", "<", now)]),
      ]),
    )
    .orderBy("next_attempt_at")
    .limit(limit);
  if (channels !== undefined) q = q.where("channel", "in", [...channels]);
  if (dialect === "postgres") q = q.forUpdate().skipLocked();
  return (await q.execute()).map((r) => r.id);
}
