/**
 * The open store handed to every repository function: a Kysely instance over SQLite or PostgreSQL.
 * @module
 */
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { IdentityCodec } from "./identity-codec.js";
import type { StoreChanges } from "./store-changes.js";

export type StoreDialectName = "sqlite" | "postgres";

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** Open without writing: no migrations are run (they must already be applied), every write fails. */
  readonly readonly?: boolean;
  /** How long to wait for a lock another connection holds before failing with STORE_LOCKED (SQLite busy_timeout,
   * PostgreSQL lock_timeout). Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Encrypts protected source fields at rest (see `identity-codec.ts`); without one, writing or reading a
   * confidential source's protected fields fails (STORE_UNSAFE): nothing is stored in the clear. */
  readonly identityCodec?: IdentityCodec;
}

/**
 * An open store. `db` is typed by {@link Database}; `location` is printable (no password).
 * Close it when done: SQLite checkpoints its WAL, PostgreSQL ends its pool.
 */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialectName;
  /** The location as given, with any password removed: safe for messages. */
  readonly location: string;
  readonly readonly: boolean;
  /**
   * Tells without a query whether a commit may have happened since an earlier look (store-changes.ts); absent
   * on a hand-made store, whose version is then read every time.
   */
  readonly changes?: StoreChanges;
  /**
   * Copy the whole store to `destination` consistently while it stays open (SQLite online backup API,
   * never a file copy). PostgreSQL stores fail with STORE_UNSUPPORTED: use pg_dump.
   */
  backup(destination: string): Promise<void>;
  close(): Promise<void>;
}
