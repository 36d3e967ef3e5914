/**
 * Reading a case's backfill marks: records entered through the API with a `knownAt` in the past, and why.
 * @module
 */
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";

/** One backfill mark, as a case export writes it (who entered the record stays in the store's audit). */
export interface BackfillMark {
  readonly kind: string;
  readonly id: string;
  readonly reason: string;
  readonly enteredAt: string;
}

/**
 * The backfill marks of a case's records, by kind then id.
 * @example (await listBackfills(store, "live-desk"))[0] // { kind: "incident", id: "inc-1", reason: "…", enteredAt: "…" }
 */
export async function listBackfills(store: Store, caseId: string): Promise<BackfillMark[]> {
  try {
    const rows = await store.db
      .selectFrom("record_backfills")
      .select(["record_kind", "record_id", "reason", "entered_at"])
      .where("case_id", "=", caseId)
      .orderBy("record_kind")
      .orderBy("record_id")
      .execute();
    return rows.map((r) => ({
      kind: r.record_kind,
      id: r.record_id,
      reason: r.reason,
      enteredAt: r.entered_at,
    }));
  } catch (e) {
    throw toStoreError(store, e, `read the backfill marks of case ${caseId}`);
  }
}
