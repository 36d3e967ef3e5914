/**
 * A case as one consistent snapshot for an export: its records and backfill marks read in one repeatable-read
 * transaction, so a write committed meanwhile is either wholly in or wholly out. Protected identities are never
 * read.
 * @module
 */
import type { CaseBundle } from "../domain/index.js";
import { readCase } from "./case.repository.js";
import type { Store } from "./store.js";
import { toStoreError } from "./store-registry.js";
import { listBackfills, type BackfillMark } from "./writes/backfill.repository.js";

/** What {@link readCaseSnapshot} returns. */
export interface CaseSnapshot {
  readonly bundle: CaseBundle;
  readonly backfills: readonly BackfillMark[];
}

/**
 * The case `caseId` and its backfill marks as of one moment.
 * @example const snap = await readCaseSnapshot(store, "live-desk"); snap?.bundle.records.incident.length
 * @returns undefined when no case has that id.
 */
export async function readCaseSnapshot(store: Store, caseId: string): Promise<CaseSnapshot | undefined> {
  try {
    // SQLite's deferred transaction reads one snapshot already; PostgreSQL needs repeatable read for it.
    return await store.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const inTrx: Store = { ...store, db: trx };
        const bundle = await readCase(inTrx, caseId);
        if (bundle === undefined) return undefined;
        return { bundle, backfills: await listBackfills(inTrx, caseId) };
      });
  } catch (e) {
    throw toStoreError(store, e, `read case ${caseId}`);
  }
}
