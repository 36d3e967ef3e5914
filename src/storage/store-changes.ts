/**
 * How a process knows, without a query, that the store may have changed: a mark that moves after every commit
 * made through this store handle (at once, before the writer's caller hears of it) and after a commit by any
 * other process once the store tells us (PostgreSQL: LISTEN/NOTIFY; SQLite: `PRAGMA data_version`). The mark
 * says "read the version again", never what the version is (storage/store-version.ts reads that).
 * The dialect implementations are in `dialects/` (sqlite-store-changes.ts, postgres-store-changes.ts).
 * @module
 */

/** The change mark of one open store. */
export interface StoreChanges {
  /**
   * An opaque mark, equal to an earlier one only when no commit can have happened in between; undefined when
   * the store cannot tell (e.g. the PostgreSQL listener is reconnecting): read the version every time then.
   * Costs no round trip (SQLite: two in-process reads of counters, microseconds).
   * @example const before = store.changes?.mark(); … if (store.changes?.mark() !== before) readVersionAgain();
   */
  mark(): string | undefined;
  /**
   * The store version (storage/store-version.ts) read at once, when the dialect can without waiting (SQLite
   * outside a transaction); undefined when it cannot: read it through the store then.
   */
  versionNow?(): string | undefined;
  /**
   * The store version read on a connection of the mark's own (PostgreSQL: the listening one), so it does not
   * queue behind the pool's work; undefined when there is none now: read it through the store then.
   */
  readVersion?(): Promise<string> | undefined;
  /** Stop listening (the store's `close` calls it). */
  close(): Promise<void>;
}
