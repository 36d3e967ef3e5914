/**
 * The write hook of the tamper-evident log: every storage write calls {@link appendToLog} inside its own
 * transaction, after its rows are written, so a row and its log leaf commit or roll back together.
 * @module
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from "kysely";
import { leafHash } from "../../integrity/merkle-hash.js";
import type { Database } from "../database.js";
import { announceChange } from "../dialects/postgres-store-changes.js";
import { canonicalRow } from "../records/canonical-json.js";
import { keyText, rowContentHashes, type RowKey } from "./logged-content.js";

/** The kinds of write the log records. */
export const LOG_ACTIONS = [
  "create",
  "update",
  "delete",
  "import-batch",
  "alert",
  "response",
  "admin",
] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

/** One write to log: which row of which table, and what happened to it. */
export interface LogEntry {
  readonly action: LogAction;
  readonly table: string;
  /** The row's primary key, e.g. `{ case_id: "c1", id: "inc-1" }`. */
  readonly key: RowKey;
  /** Who wrote (a user id, `cli`, `import`); never a name of a confidential source. */
  readonly actor?: string;
  /** UTC ISO time of the write (default: now). */
  readonly at?: string;
  /** For `import-batch`: a summary (file hash, counts); never row content. */
  readonly note?: Readonly<Record<string, string | number>>;
}

/** The JSON a leaf holds (what a receipt shows a partner): no record content, only its hash. */
export interface LeafData {
  readonly v: 1;
  readonly action: LogAction;
  readonly table: string;
  readonly key: RowKey;
  /** Hex SHA-256 of the row's canonical content after the write; null after a delete. */
  readonly content: string | null;
  readonly actor: string | null;
  readonly at: string;
  readonly note?: Readonly<Record<string, string | number>>;
}

/** A `log_leaves` row. */
export interface LeafRow {
  readonly leaf_index: number;
  readonly leaf_data: string;
  readonly leaf_hash: string;
  readonly action: LogAction;
  readonly table_name: string;
  readonly record_key: string;
  readonly logged_at: string;
}

/** Content hashes of written rows: table → key text ({@link keyText}) → hex SHA-256. */
export type ContentHashes = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * The leaf rows of `entries`, numbered from `first`, given the content hash of every row written (deleted rows
 * need none). Pure: {@link appendToLog} reads the hashes back from the store; the SQLite import writer
 * computes them from the rows it just inserted.
 * @example leafRows([{ action: "delete", table: "incidents", key: { case_id: "c", id: "i1" } }], new Map(), 0, now)
 * @throws RangeError when a written row has no hash (it was logged before it was written).
 */
export function leafRows(
  entries: readonly LogEntry[],
  hashes: ContentHashes,
  first: number,
  now: string,
): LeafRow[] {
  const rows: LeafRow[] = [];
  let next = first;
  for (const e of entries) {
    const key = keyText(e.key);
    const content = e.action === "delete" ? null : (hashes.get(e.table)?.get(key) ?? null);
    if (e.action !== "delete" && e.action !== "import-batch" && content === null) {
      throw new RangeError(`appendToLog: no row in ${e.table} with key ${key} to log (log after writing it)`);
    }
    const at = e.at ?? now;
    // canonicalJson of the LeafData { v, action, table, key, content, actor, at, note? }, written with its keys
    // in sorted order (one leaf per written row: the generic serializer's sorted copies showed in imports).
    const j = JSON.stringify;
    const text =
      `{"action":${j(e.action)},"actor":${j(e.actor ?? null)},"at":${j(at)},"content":${j(content)},` +
      `"key":${key}${e.note ? `,"note":${canonicalRow(e.note)}` : ""},"table":${j(e.table)},"v":1}`;
    rows.push({
      leaf_index: next,
      leaf_data: text,
      leaf_hash: leafHash(Buffer.from(text, "utf8")).toString("base64"),
      action: e.action,
      table_name: e.table,
      record_key: key,
      logged_at: at,
    });
    next += 1;
  }
  return rows;
}

/** The tables and keys of the rows `entries` wrote (deletions have no row left to hash). */
export function writtenKeys(entries: readonly LogEntry[]): Map<string, RowKey[]> {
  const keysByTable = new Map<string, RowKey[]>();
  for (const e of entries) {
    if (e.action === "delete") continue;
    const list = keysByTable.get(e.table);
    if (list) list.push(e.key);
    else keysByTable.set(e.table, [e.key]);
  }
  return keysByTable;
}

/** The PostgreSQL advisory lock that orders appends to the log (any number 64-bit; this one spells "tocsin"). */
const LOG_LOCK = 0x746f6373696e;

/**
 * On PostgreSQL, wait for the log's advisory lock (held to the end of the transaction), so concurrent writers —
 * in one process or several — take leaf indices one after another instead of colliding on the same one. SQLite
 * has one writer at a time already.
 */
async function lockLog(trx: Transaction<Database> | Kysely<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_advisory_xact_lock(${LOG_LOCK})`.execute(trx);
}

/**
 * Append one leaf per entry, reading each row as it now stands in the transaction.
 * @example await appendToLog(trx, [{ action: "create", table: "incidents", key: { case_id: "c", id: "i1" } }])
 * @returns the leaf indices assigned, in entry order.
 */
export async function appendToLog(
  trx: Transaction<Database> | Kysely<Database>,
  entries: readonly LogEntry[],
): Promise<number[]> {
  if (entries.length === 0) return [];
  const db = trx;
  await lockLog(trx);
  const last = await db
    .selectFrom("log_leaves")
    .select((eb) => eb.fn.max("leaf_index").as("max"))
    .executeTakeFirst();
  const first = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  // Read every written row once per table, in chunks (one query per row would dominate batch imports).
  const hashes = new Map<string, Map<string, string>>();
  for (const [table, keys] of writtenKeys(entries))
    hashes.set(table, await rowContentHashes(trx, table, keys));
  const rows = leafRows(entries, hashes, first, new Date().toISOString());
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("log_leaves")
      .values(rows.slice(i, i + 200))
      .execute();
  // Other processes serving this store hear of the write when it commits (their read caches' version mark).
  await announceChange(trx);
  return rows.map((r) => r.leaf_index);
}
