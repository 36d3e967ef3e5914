/**
 * SQLite through better-sqlite3: the durability pragmas (WAL, synchronous=FULL, foreign keys, busy timeout),
 * checked after they are set, a write-lock probe at open, and the mapping of SQLite result codes to StoreErrors.
 * @module
 */
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../database.js";
import { StoreError } from "../store-error.js";
import type { OpenStoreOptions } from "../store.js";
import { byteOrdered } from "./byte-order.js";
import type { OpenedDialect } from "./dialect.js";
import { sqliteChanges } from "./sqlite-store-changes.js";
import { rebuildWithoutRowid } from "./sqlite-without-rowid.js";

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Translate a better-sqlite3 error (it carries SQLite's extended result code as `code`).
 * @example classifySqliteError({ code: "SQLITE_BUSY" }, "./x.db", "open") // StoreError STORE_LOCKED
 */
export function classifySqliteError(error: unknown, path: string, action: string): StoreError | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return undefined;
  const cause = { cause: error };
  if (code.startsWith("SQLITE_NOTADB") || code.startsWith("SQLITE_CORRUPT")) {
    return new StoreError(
      "STORE_CORRUPT",
      `${path}: file is not a database or is corrupt (${code}); restore it from a backup`,
      cause,
    );
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new StoreError(
      "STORE_LOCKED",
      `${path} is locked by another process or connection; try again when it is done`,
      cause,
    );
  }
  if (code.startsWith("SQLITE_READONLY")) {
    return new StoreError("STORE_READONLY", `${path} is read-only: cannot ${action}`, cause);
  }
  if (
    code.startsWith("SQLITE_CANTOPEN") ||
    code.startsWith("SQLITE_PERM") ||
    code.startsWith("SQLITE_AUTH")
  ) {
    return new StoreError(
      "STORE_UNREACHABLE",
      `${path} cannot be opened (${code}); check that the folder exists and is writable`,
      cause,
    );
  }
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    const what = error instanceof Error ? error.message : code;
    return new StoreError(
      "STORE_WRITE_FAILED",
      `${path}: ${action} violates a constraint (${what}); nothing was written`,
      cause,
    );
  }
  if (code.startsWith("SQLITE_FULL") || code.startsWith("SQLITE_IOERR")) {
    return new StoreError("STORE_WRITE_FAILED", `${path}: disk error during ${action} (${code})`, cause);
  }
  return undefined;
}

/** Open a SQLite file, apply and verify the pragmas, and probe the write lock. */
export async function openSqlite(path: string, options: OpenStoreOptions): Promise<OpenedDialect> {
  const readonly = options.readonly === true;
  const busy = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let handle: BetterSqlite3.Database;
  try {
    handle = new BetterSqlite3(path, { readonly, fileMustExist: readonly, timeout: busy });
  } catch (e) {
    throw (
      classifySqliteError(e, path, "open") ??
      new StoreError(
        "STORE_UNREACHABLE",
        `${path} cannot be opened: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      )
    );
  }
  try {
    applyPragmas(handle, readonly, busy, path);
    // Take and release the write lock now so a locked file fails here, clearly, not in the middle of a load.
    if (!readonly) handle.exec("BEGIN IMMEDIATE; COMMIT");
  } catch (e) {
    handle.close();
    if (e instanceof StoreError) throw e;
    throw (
      classifySqliteError(e, path, "open") ??
      new StoreError(
        "STORE_UNREACHABLE",
        `${path} cannot be used: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      )
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    context: {
      dialect: "sqlite",
      types: { json: "text", real: "real" },
      wrapMigrations: true,
      byteOrdered: (column) => byteOrdered("sqlite", column),
      clusterOnPrimaryKey: rebuildWithoutRowid,
    },
    classify: (error, action) => classifySqliteError(error, path, action),
    changes: sqliteChanges(handle),
    backup: async (destination) => {
      await handle.backup(destination);
    },
    close: async () => {
      await db.destroy();
    },
  };
}

function applyPragmas(handle: BetterSqlite3.Database, readonly: boolean, busyMs: number, path: string): void {
  handle.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyMs))}`);
  // Reading a value first surfaces "file is not a database" before any setting is attempted.
  handle.pragma("schema_version", { simple: true });
  handle.pragma("foreign_keys = ON");
  if (!readonly) {
    handle.pragma("journal_mode = WAL");
    handle.pragma("synchronous = FULL");
  }
  const fk = handle.pragma("foreign_keys", { simple: true });
  if (fk !== 1) throw new StoreError("STORE_UNSAFE", `${path}: foreign keys could not be enabled`);
  if (readonly) return;
  const mode = handle.pragma("journal_mode", { simple: true });
  const sync = handle.pragma("synchronous", { simple: true });
  // An in-memory database (tests, scratch work) has no file to journal: "memory" is its only mode.
  const expected = path === ":memory:" ? "memory" : "wal";
  if (mode !== expected)
    throw new StoreError(
      "STORE_UNSAFE",
      `${path}: WAL journal mode could not be enabled (got ${String(mode)})`,
    );
  if (sync !== 2)
    throw new StoreError("STORE_UNSAFE", `${path}: synchronous=FULL could not be set (got ${String(sync)})`);
}
