/**
 * The shape of a store migration: a name that sorts in order and an `up` that receives the dialect's column
 * types, so no migration ever branches on the dialect itself.
 * @module
 */
import type { Kysely } from "kysely";
import type { MigrationContext } from "../dialects/dialect.js";

/**
 * One schema change. `name` is the file name without extension (`0004-alerts-index`); it is recorded in the
 * `kysely_migration` table, so never rename or edit a migration once it has shipped: add a new one.
 */
export interface StoreMigration {
  readonly name: string;
  // Migrations run against whatever the schema was at their time, so they use an untyped Kysely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, ctx: MigrationContext): Promise<void>;
}
