/**
 * The lease of a running import (`import_leases`): one run of a file into a case at a time. A run takes the
 * lease just before its first commit, every batch it commits checks and renews it in the same transaction (see
 * {@link LeaseFence}), and finishing the batch releases it in one transaction. Taking over is a compare-and-swap
 * on the old owner, so of two runs taking over one dead holder's lease only one succeeds.
 * @module
 */
import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import type { Store } from "../store.js";
import { StoreError } from "../store-error.js";
import { toStoreError } from "../store-registry.js";
import type { ImportCounts, ImportLeaseKey, LeaseFence } from "./import.repository.js";
import type { ImportLeaseRow } from "./import.table.js";

/** The run holding (or asking for) a lease. */
export interface ImportLeaseHolder {
  /** A token unique to the run. */
  readonly owner: string;
  readonly host: string;
  readonly pid: number;
  /** The file's base name. */
  readonly fileName: string;
  readonly startedAt: string;
  readonly expiresAt: string;
}

const holderOf = (r: ImportLeaseRow): ImportLeaseHolder => ({
  owner: r.owner,
  host: r.host,
  pid: Number(r.pid),
  fileName: r.file_name,
  startedAt: r.started_at,
  expiresAt: r.expires_at,
});

/** Narrow a query to the lease of `key`. */
function leaseOf(db: Kysely<Database>, key: ImportLeaseKey) {
  return {
    select: () =>
      db
        .selectFrom("import_leases")
        .selectAll()
        .where("case_id", "=", key.caseId)
        .where("format", "=", key.format)
        .where("file_sha256", "=", key.sha256),
    update: () =>
      db
        .updateTable("import_leases")
        .where("case_id", "=", key.caseId)
        .where("format", "=", key.format)
        .where("file_sha256", "=", key.sha256),
    delete: () =>
      db
        .deleteFrom("import_leases")
        .where("case_id", "=", key.caseId)
        .where("format", "=", key.format)
        .where("file_sha256", "=", key.sha256),
  };
}

/** Who holds the lease of `key`, if anyone (reading only). */
export async function readImportLease(
  store: Store,
  key: ImportLeaseKey,
): Promise<ImportLeaseHolder | undefined> {
  try {
    const row = await leaseOf(store.db, key).select().executeTakeFirst();
    return row ? holderOf(row) : undefined;
  } catch (e) {
    throw toStoreError(store, e, "read the import lease");
  }
}

/** Attempts at taking a lease that others keep changing (each one a few statements). */
const ATTEMPTS = 8;

/**
 * Take the lease of `key` for `me`: insert it when nobody holds it, or take it over from a holder
 * `canTakeOver` judges gone (dead or expired).
 * @returns undefined when `me` holds the lease now; else the live holder, who keeps it.
 * @example const holder = await acquireImportLease(store, key, me, (h) => h.expiresAt < now)
 */
export async function acquireImportLease(
  store: Store,
  key: ImportLeaseKey,
  me: ImportLeaseHolder,
  canTakeOver: (holder: ImportLeaseHolder) => boolean,
): Promise<ImportLeaseHolder | undefined> {
  const values = {
    owner: me.owner,
    host: me.host,
    pid: me.pid,
    file_name: me.fileName,
    started_at: me.startedAt,
    expires_at: me.expiresAt,
  };
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const inserted = await store.db
        .insertInto("import_leases")
        .values({ case_id: key.caseId, format: key.format, file_sha256: key.sha256, ...values })
        .onConflict((oc) => oc.columns(["case_id", "format", "file_sha256"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return undefined;
      const held = await readImportLease(store, key);
      // Released between the two statements: try again.
      if (held === undefined) continue;
      if (held.owner === me.owner) return undefined;
      if (!canTakeOver(held)) return held;
      const taken = await leaseOf(store.db, key)
        .update()
        .set(values)
        .where("owner", "=", held.owner)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) > 0) return undefined;
    }
  } catch (e) {
    throw toStoreError(store, e, "take the import lease");
  }
  throw new StoreError(
    "STORE_LOCKED",
    `${store.location}: the import lease of this file kept changing hands; try again`,
  );
}

/** The error of a batch whose run no longer holds its lease. */
export function leaseLostError(fence: LeaseFence): StoreError {
  return new StoreError(
    "STORE_LEASE_LOST",
    `another run took over the import of this file into case ${fence.key.caseId} (this one was paused past ` +
      "its lease, or the lease was removed): this run stopped; the batch in flight was not written",
  );
}

/**
 * In a batch's transaction: renew the lease, or throw {@link leaseLostError} when it is no longer the run's (the
 * transaction then rolls back).
 */
export async function checkLeaseFence(db: Kysely<Database>, fence: LeaseFence): Promise<void> {
  const r = await leaseOf(db, fence.key)
    .update()
    .set({ expires_at: fence.expiresAt })
    .where("owner", "=", fence.owner)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw leaseLostError(fence);
}

/** Give the lease up, if `owner` still holds it. */
export async function releaseImportLease(store: Store, key: ImportLeaseKey, owner: string): Promise<void> {
  try {
    await leaseOf(store.db, key).delete().where("owner", "=", owner).execute();
  } catch (e) {
    throw toStoreError(store, e, "release the import lease");
  }
}

/**
 * Mark a batch done or interrupted with its final counts and release the lease, in one transaction, if `owner`
 * still holds it; a run that lost its lease leaves the batch to the run that holds it.
 * @returns whether the batch was marked (the run still held the lease).
 */
export async function finishLeasedBatch(
  store: Store,
  key: ImportLeaseKey,
  owner: string,
  batch: { id: string; status: "done" | "interrupted"; counts: ImportCounts; at: string },
): Promise<boolean> {
  try {
    return await store.db.transaction().execute(async (trx) => {
      const released = await leaseOf(trx, key).delete().where("owner", "=", owner).executeTakeFirst();
      if (Number(released.numDeletedRows) === 0) return false;
      await trx
        .updateTable("import_batches")
        .set({
          status: batch.status,
          ...batch.counts,
          finished_at: batch.status === "done" ? batch.at : null,
        })
        .where("id", "=", batch.id)
        .execute();
      return true;
    });
  } catch (e) {
    throw toStoreError(store, e, "finish import batch");
  }
}
