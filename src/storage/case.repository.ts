/**
 * Reading whole cases back: the list of stored cases and one case as a bundle, optionally as known on a day.
 * @module
 */
import {
  RECORD_KINDS,
  type CaseBundle,
  type CaseManifest,
  type CaseRecords,
  type RecordKind,
} from "../domain/index.js";
import { identitiesFor, identityMapKey, type ReadOptions } from "./read-options.js";
import { genericDb, recordTable } from "./records/record-db.js";
import type { RecordColumns } from "./records/record-columns.js";
import { tableOf } from "./records/record-tables.js";
import { sourceRowToSource } from "./records/source.mapper.js";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { Store } from "./store.js";
import { identityCodecOf, toStoreError } from "./store-registry.js";

/** A stored case as listed. */
export interface StoredCase {
  readonly id: string;
  readonly title: string;
  readonly loadedAt: string;
  readonly manifest: CaseManifest;
}

export interface ReadCaseOptions extends ReadOptions {
  /** Only records whose `knownAt` is on or before this day (the store-side "as of" gate). */
  readonly asOf?: string;
}

/**
 * Every stored case, by id.
 * @example (await listCases(store)).map((c) => c.id) // ["rwanda-1990-1994"]
 */
export async function listCases(store: Store): Promise<StoredCase[]> {
  try {
    const rows = await store.db.selectFrom("cases").selectAll().orderBy("id").execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      loadedAt: r.loaded_at,
      manifest: JSON.parse(r.manifest) as CaseManifest,
    }));
  } catch (e) {
    throw toStoreError(store, e, "list cases");
  }
}

/**
 * A stored case's manifest alone (no record is read).
 * @returns undefined when no case has that id.
 */
export async function readCaseManifest(store: Store, caseId: string): Promise<CaseManifest | undefined> {
  try {
    const row = await store.db
      .selectFrom("cases")
      .select(["manifest"])
      .where("id", "=", caseId)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.manifest) as CaseManifest);
  } catch (e) {
    throw toStoreError(store, e, `read case ${caseId}`);
  }
}

/**
 * A stored case as a bundle; records of each kind in id order. Protected source identities only with
 * `includeProtected: true`.
 * @returns undefined when no case has that id.
 */
export async function readCase(
  store: Store,
  caseId: string,
  options: ReadCaseOptions = {},
): Promise<CaseBundle | undefined> {
  try {
    return await readCaseIn(store, store.db, caseId, options);
  } catch (e) {
    throw toStoreError(store, e, `read case ${caseId}`);
  }
}

/**
 * {@link readCase} on a given connection or transaction of `store` — inside a write's transaction, the case as
 * that transaction sees it (writes/write-record.ts checks a write against it). Errors are the driver's.
 */
export async function readCaseIn(
  store: Store,
  db: Kysely<Database>,
  caseId: string,
  options: ReadCaseOptions = {},
): Promise<CaseBundle | undefined> {
  const caseRow = await db
    .selectFrom("cases")
    .select(["manifest"])
    .where("id", "=", caseId)
    .executeTakeFirst();
  if (caseRow === undefined) return undefined;
  const records: Partial<Record<RecordKind, unknown[]>> = {};
  for (const kind of RECORD_KINDS) {
    const spec = tableOf(kind);
    let q = genericDb(db).selectFrom(recordTable(spec.table)).selectAll().where("case_id", "=", caseId);
    if (options.asOf !== undefined) q = q.where("known_at", "<=", options.asOf);
    const rows: RecordColumns[] = await q.orderBy("id").execute();
    if (kind === "source") {
      const ids = await identitiesFor(
        db,
        options,
        caseId,
        rows.map((r) => r.id),
        identityCodecOf(store),
      );
      records[kind] = rows.map((r) => sourceRowToSource(r as never, ids?.get(identityMapKey(caseId, r.id))));
    } else {
      records[kind] = rows.map((r) => spec.fromRow(r));
    }
  }
  return {
    manifest: JSON.parse(caseRow.manifest) as CaseManifest,
    records: records as unknown as CaseRecords,
  };
}

/**
 * Remove a case and everything derived from it, in one transaction.
 * @returns false when there was no such case.
 */
export async function deleteCase(store: Store, caseId: string): Promise<boolean> {
  try {
    return await store.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom("cases").select("id").where("id", "=", caseId).executeTakeFirst();
      if (found === undefined) return false;
      await trx.deleteFrom("citations").where("case_id", "=", caseId).execute();
      await trx.deleteFrom("record_refs").where("case_id", "=", caseId).execute();
      await trx.deleteFrom("incident_acts").where("case_id", "=", caseId).execute();
      await trx.deleteFrom("source_identities").where("case_id", "=", caseId).execute();
      for (const kind of [...RECORD_KINDS].reverse()) {
        await genericDb(trx)
          .deleteFrom(recordTable(tableOf(kind).table))
          .where("case_id", "=", caseId)
          .execute();
      }
      await trx.deleteFrom("cases").where("id", "=", caseId).execute();
      return true;
    });
  } catch (e) {
    throw toStoreError(store, e, `delete case ${caseId}`);
  }
}
