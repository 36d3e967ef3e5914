/**
 * What a dialect gives the rest of the storage adapter: an open Kysely instance, the column types that differ,
 * and the translation of its driver's errors into {@link StoreError}s. Everything outside `dialects/` is
 * dialect-agnostic.
 * @module
 */
import type { Kysely, RawBuilder } from "kysely";
import type { Database } from "../database.js";
import type { StoreError } from "../store-error.js";
import type { StoreChanges } from "../store-changes.js";
import type { StoreDialectName } from "../store.js";

/** Column types that are spelled differently per dialect; migrations take them from here. */
export interface DialectColumnTypes {
  /** JSON documents: SQLite `text`, PostgreSQL `jsonb` (read back as text by the driver setup). */
  readonly json: "text" | "jsonb";
  /** Floating-point numbers: SQLite `real`, PostgreSQL `double precision`. */
  readonly real: "real" | "double precision";
}

/** Passed to every migration so it can create columns without knowing the dialect. */
export interface MigrationContext {
  readonly dialect: StoreDialectName;
  readonly types: DialectColumnTypes;
  /**
   * True when Kysely does not wrap migrations in a transaction for this dialect (SQLite) although the database
   * could: each migration is then wrapped by hand, which makes it atomic and saves one fsync per statement.
   */
  readonly wrapMigrations: boolean;
  /** `column` as an index or sort expression that orders by code point (see byte-order.ts). */
  readonly byteOrdered: (column: string) => RawBuilder<string>;
  /** Schema holding Kysely's migration tables (PostgreSQL: the connection's current schema). */
  readonly migrationSchema?: string;
  /**
   * SQLite: rebuild a narrow, unreferenced keyed table clustered on its primary key (WITHOUT ROWID), so its
   * inserts touch one b-tree less. Absent where the database has no such choice (PostgreSQL).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly clusterOnPrimaryKey?: (db: Kysely<any>, table: string) => Promise<void>;
}

/** A connected dialect, before migrations. */
export interface OpenedDialect {
  readonly db: Kysely<Database>;
  readonly context: MigrationContext;
  /** Translate a driver error into a StoreError naming the location, or undefined if it is not the driver's. */
  classify(error: unknown, action: string): StoreError | undefined;
  /** The store's change mark (store-changes.ts). */
  readonly changes: StoreChanges;
  backup(destination: string): Promise<void>;
  close(): Promise<void>;
}
