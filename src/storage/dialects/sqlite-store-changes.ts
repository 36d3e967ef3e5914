/**
 * The change mark of a SQLite store (storage/store-changes.ts) from two counters SQLite keeps in memory:
 * `total_changes()` (rows this connection has written: every write of this process, since the store is one
 * connection) and `PRAGMA data_version` (moves when another connection — another process — has committed).
 * Both are read on every call, synchronously, in microseconds; so a write by another process is seen by the
 * first request after its commit, with no delay.
 * While a transaction is open on the connection the mark stays what it was before it (its rows are not
 * committed: no reader may see them yet); when it ends the counters have moved and so does the mark. For the
 * same reason {@link StoreChanges.versionNow} answers only outside a transaction: it reads the version on the
 * connection at once, where going through Kysely would queue behind the open transaction.
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";
import type { StoreChanges } from "../store-changes.js";
import { STORE_VERSION_SQL, versionOfRow, type VersionRow } from "../store-version.js";

/**
 * The change mark of an open better-sqlite3 handle.
 * @example const changes = sqliteChanges(handle); changes.mark() // "3:17"
 */
export function sqliteChanges(handle: BetterSqlite3.Database): StoreChanges {
  const dataVersion = handle.prepare("PRAGMA data_version").pluck();
  const totalChanges = handle.prepare("select total_changes()").pluck();
  let version: BetterSqlite3.Statement<[], VersionRow> | undefined;
  let settled: string | undefined;
  return {
    mark: () => {
      if (!handle.open) return undefined;
      if (handle.inTransaction) return settled;
      settled = `${String(dataVersion.get())}:${String(totalChanges.get())}`;
      return settled;
    },
    versionNow: () => {
      if (!handle.open || handle.inTransaction) return undefined;
      // Prepared on first use: the tables exist once migrations have run, after the store opened.
      version ??= handle.prepare<[], VersionRow>(STORE_VERSION_SQL);
      return versionOfRow(version.get());
    },
    close: async () => undefined,
  };
}
