/**
 * The earlier versions of a record: what an import replaced (a provider's corrected row) or removed (a
 * provider's deletion), or what an API write replaced or (soft) deleted, oldest first, as they were stored then.
 * @module
 */
import type { RecordKind, RecordOf } from "../domain/index.js";
import { genericDb, recordTable } from "./records/record-db.js";
import { tableOf } from "./records/record-tables.js";
import type { Store } from "./store.js";
import { toStoreError } from "./store-registry.js";

/** One earlier version of a record. */
export interface RecordVersion<K extends RecordKind = RecordKind> {
  /** The provider's version of the replaced row (its timestamp or release), as the importer compared it. */
  readonly version: string;
  /** How it ended: `updated` (replaced by a newer row) or `deleted` (removed by the provider). */
  readonly change: string;
  /** The import batch that replaced or removed it, and when that batch started (undefined if not recorded). */
  readonly replacedBy: string;
  readonly replacedAt?: string;
  /** The record as it was stored. A confidential source's version holds only its public placeholder. */
  readonly record: RecordOf<K>;
}

/**
 * Earlier versions of `kind`/`id` in `caseId` — with no case, in the case `getRecord` would read the record from
 * (the first by id that holds it; when no case holds it any longer, the first that kept versions of it) — oldest
 * first: ordered by the replacing batch's start, then by the provider version.
 * @example const versions = await getRecordVersions(store, "incident", "acled.sdn1234", "import-acled")
 */
export async function getRecordVersions<K extends RecordKind>(
  store: Store,
  kind: K,
  id: string,
  caseId?: string,
): Promise<RecordVersion<K>[]> {
  try {
    const holder =
      caseId ??
      (
        await genericDb(store.db)
          .selectFrom(recordTable(tableOf(kind).table))
          .select("case_id")
          .where("id", "=", id)
          .orderBy("case_id")
          .limit(1)
          .executeTakeFirst()
      )?.case_id;
    let q = store.db
      .selectFrom("record_versions as v")
      .leftJoin("import_batches as b", "b.id", "v.replaced_by")
      .select([
        "v.case_id",
        "v.version",
        "v.change",
        "v.replaced_by",
        "v.replaced_at",
        "v.body",
        "b.started_at",
      ])
      .where("v.record_kind", "=", kind)
      .where("v.record_id", "=", id);
    if (holder !== undefined) q = q.where("v.case_id", "=", holder);
    const rows = await q
      .orderBy("v.case_id")
      .orderBy("b.started_at")
      .orderBy("v.replaced_at")
      .orderBy("v.version")
      .execute();
    const first = rows[0]?.case_id;
    return rows
      .filter((r) => r.case_id === first)
      .map((r) => ({
        version: r.version,
        change: r.change,
        replacedBy: r.replaced_by,
        ...(r.started_at !== null
          ? { replacedAt: r.started_at }
          : r.replaced_at !== null && r.replaced_at !== undefined
            ? { replacedAt: r.replaced_at }
            : {}),
        record: JSON.parse(r.body) as RecordOf<K>,
      }));
  } catch (e) {
    throw toStoreError(store, e, `read the versions of ${kind} ${id}`);
  }
}
