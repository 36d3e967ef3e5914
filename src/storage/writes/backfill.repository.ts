/**
 * A case's backfill marks (records entered through the API with a `knownAt` in the past, and why): read for an
 * export, and put back by a load of an exported folder.
 * @module
 */
import type { Transaction } from "kysely";
import type { Database } from "../database.js";
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

/**
 * Make `marks` the case's backfill marks (a case load of an exported folder), inside the caller's transaction;
 * marks already stored as given are left alone, so an identical load writes nothing.
 * @returns whether anything changed.
 */
export async function replaceBackfills(
  trx: Transaction<Database>,
  caseId: string,
  marks: readonly BackfillMark[],
  enteredBy: string,
): Promise<boolean> {
  const key = (m: BackfillMark) => JSON.stringify([m.kind, m.id, m.reason, m.enteredAt]);
  const stored = await trx
    .selectFrom("record_backfills")
    .select(["record_kind", "record_id", "reason", "entered_at"])
    .where("case_id", "=", caseId)
    .execute();
  const have = stored
    .map((r) => key({ kind: r.record_kind, id: r.record_id, reason: r.reason, enteredAt: r.entered_at }))
    .sort();
  const want = marks.map(key).sort();
  if (have.length === want.length && have.every((k, i) => k === want[i])) return false;
  await trx.deleteFrom("record_backfills").where("case_id", "=", caseId).execute();
  if (marks.length > 0)
    await trx
      .insertInto("record_backfills")
      .values(
        marks.map((m) => ({
          case_id: caseId,
          record_kind: m.kind,
          record_id: m.id,
          reason: m.reason,
          entered_at: m.enteredAt,
          entered_by: enteredBy,
        })),
      )
      .execute();
  return true;
}
