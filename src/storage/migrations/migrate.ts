/**
 * Runs the store's migrations with Kysely's Migrator and an in-code provider, and turns its result (the
 * Migrator never throws) into a StoreError naming the failed migration.
 * @module
 */
import { Migrator, type Kysely, type Migration } from "kysely";
import type { Database } from "../database.js";
import type { MigrationContext } from "../dialects/dialect.js";
import { StoreError } from "../store-error.js";
import { MIGRATIONS } from "./index.js";
import type { StoreMigration } from "./migration.js";

function migratorFor(
  db: Kysely<Database>,
  ctx: MigrationContext,
  migrations: readonly StoreMigration[],
): Migrator {
  return new Migrator({
    db,
    ...(ctx.migrationSchema !== undefined ? { migrationTableSchema: ctx.migrationSchema } : {}),
    provider: {
      getMigrations: async () => {
        const out: Record<string, Migration> = {};
        for (const m of migrations) {
          out[m.name] = {
            up: (kdb) =>
              ctx.wrapMigrations ? kdb.transaction().execute((trx) => m.up(trx, ctx)) : m.up(kdb, ctx),
          };
        }
        return out;
      },
    },
  });
}

/** How many more times a failed migration run is tried (another process may have been migrating). */
const RACE_RETRIES = 3;

/** What a migration run did. */
export interface MigrationReport {
  readonly applied: readonly string[];
}

/**
 * Bring the store up to date. Idempotent: with nothing pending it applies nothing.
 * @throws StoreError STORE_MIGRATION_FAILED naming the migration and the reason.
 */
export async function runMigrations(
  db: Kysely<Database>,
  ctx: MigrationContext,
  location: string,
  migrations: readonly StoreMigration[] = MIGRATIONS,
): Promise<MigrationReport> {
  let { error, results } = await migratorFor(db, ctx, migrations).migrateToLatest();
  // Two processes opening a new store at once both find the migrations pending and race: the loser's migration
  // fails and is rolled back. Once the winner is done there is nothing left to apply, so try again a few times.
  for (let attempt = 1; error !== undefined && attempt <= RACE_RETRIES; attempt += 1) {
    await new Promise((r) => setTimeout(r, 100 * attempt));
    ({ error, results } = await migratorFor(db, ctx, migrations).migrateToLatest());
  }
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      "STORE_MIGRATION_FAILED",
      `${location}: migration ${failed ?? "(before any migration ran)"} failed: ${reason}; the store was left as it was before that migration`,
      { cause: error },
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

/** Names of migrations not yet applied (for read-only opens, which may not migrate). */
export async function pendingMigrations(
  db: Kysely<Database>,
  ctx: MigrationContext,
  migrations: readonly StoreMigration[] = MIGRATIONS,
): Promise<readonly string[]> {
  const infos = await migratorFor(db, ctx, migrations).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
