/**
 * The store's version: a value that changes on every committed write of case data, read with one cheap query
 * so every process serving one store (several on PostgreSQL) agrees on it without talking to the others.
 * @module
 */
import { sql } from "kysely";
import type { Store } from "./store.js";

/**
 * The version of everything the store holds, as `<log head>.<case count>`. Every write of case data (a case
 * load, an import batch, a write through the API, a desk answer, a case created) appends to the tamper-evident
 * log in its own transaction, so the log's last leaf index moves with every commit; leaf indices are taken in
 * commit order (a writer that read a stale head fails on the primary key), so a head once seen never gets an
 * earlier leaf committed under it. Deleting a case is not logged: the case count covers it. Both parts use an
 * index or the table's row count only: the query costs microseconds whatever the store's size.
 * @example await storeVersion(store) // "1873.2"
 */
export async function storeVersion(store: Store): Promise<string> {
  const row = await sql<{ head: number | string | null; cases: number | string }>`
    select (select max(leaf_index) from log_leaves) as head, (select count(*) from cases) as cases`.execute(
    store.db,
  );
  const r = row.rows[0];
  const head = r?.head === null || r?.head === undefined ? -1 : Number(r.head);
  return `${head}.${Number(r?.cases ?? 0)}`;
}
