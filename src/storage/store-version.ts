/**
 * The store's version: a value that changes on every committed write of case data, read with one cheap query
 * so every process serving one store (several on PostgreSQL) agrees on it without talking to the others.
 * @module
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "./database.js";
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
  return storeVersionIn(store.db);
}

/** {@link storeVersion} on a given connection or transaction (inside one: the version as it sees the store). */
export async function storeVersionIn(db: Kysely<Database>): Promise<string> {
  const row = await sql<VersionRow>`
    select (select max(leaf_index) from log_leaves) as head, (select count(*) from cases) as cases`.execute(
    db,
  );
  return versionOfRow(row.rows[0]);
}

/** The row of the version query (also run synchronously by the SQLite dialect: sqlite-store-changes.ts). */
export interface VersionRow {
  readonly head: number | string | null;
  readonly cases: number | string;
}

/** The version query's text, for a dialect that runs it without Kysely. */
export const STORE_VERSION_SQL =
  "select (select max(leaf_index) from log_leaves) as head, (select count(*) from cases) as cases";

/** `<log head>.<case count>` from the version query's row (-1 for an empty log). */
export function versionOfRow(r: VersionRow | undefined): string {
  const head = r?.head === null || r?.head === undefined ? -1 : Number(r.head);
  return `${head}.${Number(r?.cases ?? 0)}`;
}

/**
 * Whether store version `v` contains everything `min` did: a later log head, or the very same version (a case
 * deleted under the same head makes the two incomparable: false). Malformed input: false.
 * @example versionAtLeast("1875.2", "1873.2") // true
 * @example versionAtLeast("1873.1", "1873.2") // false
 */
export function versionAtLeast(v: string, min: string): boolean {
  if (v === min) return true;
  const head = (s: string) => Number(s.split(".")[0]);
  const a = head(v);
  const b = head(min);
  return Number.isInteger(a) && Number.isInteger(b) && a > b;
}
