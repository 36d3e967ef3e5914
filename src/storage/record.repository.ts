/**
 * Querying records of one kind across or within cases: by actor, by date window, by text, a page at a time;
 * and fetching one record by id.
 * @module
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { RecordKind, RecordOf } from "../domain/index.js";
import { identitiesFor, identityMapKey, type ReadOptions } from "./read-options.js";
import type { RecordColumns } from "./records/record-columns.js";
import { genericDb, recordTable, type GenericRecordDatabase } from "./records/record-db.js";
import { tableOf } from "./records/record-tables.js";
import { sourceRowToSource } from "./records/source.mapper.js";
import type { Store } from "./store.js";
import { identityCodecOf, toStoreError } from "./store-registry.js";

/** A query over one kind. */
export interface ListRecordsQuery<K extends RecordKind = RecordKind> extends ReadOptions {
  readonly kind: K;
  readonly caseId?: string;
  /** An actor id: records referring to it in any actor field of the kind (an actor record matches itself and its members). */
  readonly actor?: string;
  /** Records whose `occurredAt` span overlaps [from, to] (either end may be open). */
  readonly from?: string;
  readonly to?: string;
  /** Case-insensitive substring of the record's one-line summary (summary, title or name). */
  readonly text?: string;
  readonly limit: number;
  readonly offset: number;
}

/** A page of records and the number matching in all. */
export interface RecordPage<K extends RecordKind> {
  readonly total: number;
  readonly items: RecordOf<K>[];
}

type RecordSelect = SelectQueryBuilder<GenericRecordDatabase, "record_table", object>;

/** `%`, `_` and the escape character itself match literally in a LIKE pattern after this. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered<K extends RecordKind>(store: Store, q: ListRecordsQuery<K>): RecordSelect {
  const table = tableOf(q.kind).table;
  let s = genericDb(store.db).selectFrom(recordTable(table)) as RecordSelect;
  if (q.caseId !== undefined) s = s.where("case_id", "=", q.caseId);
  if (q.from !== undefined) s = s.where("occurred_to", ">=", q.from);
  if (q.to !== undefined) s = s.where("occurred_from", "<=", q.to);
  if (q.text !== undefined && q.text !== "") {
    s = s.where(
      sql<boolean>`${sql.ref(`${table}.label_search`)} like ${`%${likeLiteral(q.text.toLowerCase())}%`} escape '\\'`,
    );
  }
  if (q.actor !== undefined) {
    const actor = q.actor;
    s = s.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("record_refs")
          .select("record_refs.record_id")
          .where("record_refs.ref_kind", "=", "actor")
          .where("record_refs.ref_id", "=", actor)
          .where("record_refs.record_kind", "=", q.kind)
          .whereRef("record_refs.record_id", "=", sql.ref(`${table}.id`))
          .whereRef("record_refs.case_id", "=", sql.ref(`${table}.case_id`)),
      ),
    );
  }
  return s;
}

/**
 * One page of records of a kind, in time order (start, end, case, id), with the total matching count.
 * @example await listRecords(store, { kind: "warning", actor: "dpko", limit: 20, offset: 0 })
 */
export async function listRecords<K extends RecordKind>(
  store: Store,
  q: ListRecordsQuery<K>,
): Promise<RecordPage<K>> {
  try {
    const table = tableOf(q.kind).table;
    const count = await filtered(store, q)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const rows = (await filtered(store, q)
      .selectAll()
      .orderBy(sql.ref(`${table}.occurred_from`))
      .orderBy(sql.ref(`${table}.occurred_to`))
      .orderBy(sql.ref(`${table}.case_id`))
      .orderBy(sql.ref(`${table}.id`))
      .limit(Math.max(0, Math.floor(q.limit)))
      .offset(Math.max(0, Math.floor(q.offset)))
      .execute()) as RecordColumns[];
    return { total: Number(count.n), items: await toRecords(store, q.kind, rows, q, undefined) };
  } catch (e) {
    throw toStoreError(store, e, `list ${q.kind} records`);
  }
}

/**
 * One record by kind and id; with several cases holding the id and no `caseId`, the first case by id wins.
 * @returns undefined when there is no such record.
 */
export async function getRecord<K extends RecordKind>(
  store: Store,
  kind: K,
  id: string,
  caseId?: string,
  options: ReadOptions = {},
): Promise<RecordOf<K> | undefined> {
  try {
    let q = genericDb(store.db)
      .selectFrom(recordTable(tableOf(kind).table))
      .selectAll()
      .where("id", "=", id);
    if (caseId !== undefined) q = q.where("case_id", "=", caseId);
    const row = await q.orderBy("case_id").limit(1).executeTakeFirst();
    if (row === undefined) return undefined;
    const [record] = await toRecords(store, kind, [row], options, row.case_id);
    return record;
  } catch (e) {
    throw toStoreError(store, e, `read ${kind} ${id}`);
  }
}

async function toRecords<K extends RecordKind>(
  store: Store,
  kind: K,
  rows: readonly RecordColumns[],
  options: ReadOptions,
  caseId: string | undefined,
): Promise<RecordOf<K>[]> {
  if (kind !== "source") return rows.map((r) => tableOf(kind).fromRow(r));
  const ids = await identitiesFor(
    store.db,
    options,
    caseId,
    rows.map((r) => r.id),
    identityCodecOf(store),
  );
  return rows.map(
    (r) => sourceRowToSource(r as never, ids?.get(identityMapKey(r.case_id, r.id))) as RecordOf<K>,
  );
}
