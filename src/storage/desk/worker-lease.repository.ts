/**
 * The worker lease (`desk_worker_leases`): on SQLite one process works the outbox and the watcher; the others
 * wait for its lease to lapse. Taking over is a compare-and-set on the old holder.
 * @module
 */
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";

/** A process holding (or asking for) the lease. */
export interface WorkerHolder {
  readonly owner: string;
  readonly host: string;
  readonly pid: number;
}

/**
 * Take or renew the lease `name` until `until` at `now`.
 * @returns undefined when `me` holds it now; otherwise the live holder.
 */
export async function acquireWorkerLease(
  store: Store,
  name: string,
  me: WorkerHolder,
  now: string,
  until: string,
): Promise<WorkerHolder | undefined> {
  const values = { owner: me.owner, host: me.host, pid: me.pid, lease_until: until };
  try {
    const inserted = await store.db
      .insertInto("desk_worker_leases")
      .values({ name, ...values })
      .onConflict((oc) => oc.column("name").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return undefined;
    const taken = await store.db
      .updateTable("desk_worker_leases")
      .set(values)
      .where("name", "=", name)
      .where((eb) => eb.or([eb("owner", "=", me.owner), eb("lease_until", "<", now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) return undefined;
    const held = await store.db
      .selectFrom("desk_worker_leases")
      .selectAll()
      .where("name", "=", name)
      .executeTakeFirst();
    return held ? { owner: held.owner, host: held.host, pid: Number(held.pid) } : undefined;
  } catch (e) {
    throw toStoreError(store, e, "take the worker lease");
  }
}

/** Give the lease up if `owner` holds it. */
export async function releaseWorkerLease(store: Store, name: string, owner: string): Promise<void> {
  try {
    await store.db
      .deleteFrom("desk_worker_leases")
      .where("name", "=", name)
      .where("owner", "=", owner)
      .execute();
  } catch (e) {
    throw toStoreError(store, e, "release the worker lease");
  }
}
