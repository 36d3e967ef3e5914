/**
 * Opening a store: SQLite for a file path, PostgreSQL for a `postgres://` or `postgresql://` URL. Migrations
 * run on open (read-only opens check that none is pending instead). Every failure is a StoreError.
 * @module
 */
import { openPostgres, isPostgresLocation } from "./dialects/postgres.dialect.js";
import { openSqlite } from "./dialects/sqlite.dialect.js";
import type { OpenedDialect } from "./dialects/dialect.js";
import { pendingMigrations, runMigrations, type MigrationReport } from "./migrations/migrate.js";
import { StoreError, redactLocation } from "./store-error.js";
import type { OpenStoreOptions, Store } from "./store.js";
import { dialectOf, registerStore } from "./store-registry.js";

/**
 * Open (and create or migrate) the store at `location`.
 * A PostgreSQL URL may carry `?schema=NAME` to work inside one schema.
 * @example const store = await openStore("./tocsin.db"); … await store.close();
 * @throws StoreError STORE_CORRUPT, STORE_LOCKED, STORE_UNREACHABLE, STORE_READONLY, STORE_MIGRATION_FAILED, STORE_UNSAFE
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  const printable = redactLocation(location);
  const postgres = isPostgresLocation(location);
  const opened: OpenedDialect = postgres
    ? await openPostgres(location, printable, options)
    : await openSqlite(location, options);
  const readonly = options.readonly === true;
  try {
    if (readonly) {
      const pending = await pendingMigrations(opened.db, opened.context);
      if (pending.length > 0) {
        throw new StoreError(
          "STORE_MIGRATION_FAILED",
          `${printable} needs migrations (${pending.join(", ")}); open it once without read-only to apply them`,
        );
      }
    } else {
      await runMigrations(opened.db, opened.context, printable);
    }
  } catch (e) {
    await opened.close().catch(() => undefined);
    if (e instanceof StoreError) throw e;
    throw (
      opened.classify(e, "migrate") ??
      new StoreError("STORE_MIGRATION_FAILED", `${printable}: ${String(e)}`, { cause: e })
    );
  }
  const store: Store = {
    db: opened.db,
    dialect: opened.context.dialect,
    location: printable,
    readonly,
    changes: opened.changes,
    backup: (destination) => opened.backup(destination),
    close: () => opened.close(),
  };
  registerStore(store, opened, options.identityCodec);
  return store;
}

/**
 * Apply any pending migration to an open store (openStore already did on open; this is for long-running
 * processes and for checking). Idempotent: with nothing pending the report lists nothing.
 */
export async function migrateStore(store: Store): Promise<MigrationReport> {
  const d = dialectOf(store);
  return runMigrations(store.db, d.context, store.location);
}
