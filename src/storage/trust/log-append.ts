/**
 * The write hook of the tamper-evident log: every storage write calls {@link appendToLog} inside its own
 * transaction, after its rows are written, so a row and its log leaf commit or roll back together.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import { leafHash } from "../../integrity/merkle-hash.js";
import type { Database } from "../database.js";
import { canonicalJson } from "../records/canonical-json.js";
import { keyText, rowContentHashes, type RowKey } from "./logged-content.js";
import { trustDb } from "./log.table.js";

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
  const db = trustDb(trx);
  const last = await db
    .selectFrom("log_leaves")
    .select((eb) => eb.fn.max("leaf_index").as("max"))
    .executeTakeFirst();
  let next = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  const indices: number[] = [];
  const rows = [];
  const now = new Date().toISOString();
  // Read every written row once per table, in chunks (one query per row would dominate batch imports).
  const keysByTable = new Map<string, RowKey[]>();
  for (const e of entries) {
    if (e.action === "delete") continue;
    const list = keysByTable.get(e.table);
    if (list) list.push(e.key);
    else keysByTable.set(e.table, [e.key]);
  }
  const hashes = new Map<string, Map<string, string>>();
  for (const [table, keys] of keysByTable) hashes.set(table, await rowContentHashes(trx, table, keys));
  for (const e of entries) {
    const content = e.action === "delete" ? null : (hashes.get(e.table)?.get(keyText(e.key)) ?? null);
    if (e.action !== "delete" && e.action !== "import-batch" && content === null) {
      throw new RangeError(
        `appendToLog: no row in ${e.table} with key ${keyText(e.key)} to log (log after writing it)`,
      );
    }
    const data: LeafData = {
      v: 1,
      action: e.action,
      table: e.table,
      key: e.key,
      content,
      actor: e.actor ?? null,
      at: e.at ?? now,
      ...(e.note ? { note: e.note } : {}),
    };
    const text = canonicalJson(data);
    rows.push({
      leaf_index: next,
      leaf_data: text,
      leaf_hash: leafHash(Buffer.from(text, "utf8")).toString("base64"),
      action: e.action,
      table_name: e.table,
      record_key: keyText(e.key),
      logged_at: data.at,
    });
    indices.push(next);
    next += 1;
  }
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto("log_leaves")
      .values(rows.slice(i, i + 200))
      .execute();
  return indices;
}
