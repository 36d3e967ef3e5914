/**
 * The columns every record table shares, for migration 0002. Frozen: a later change to record tables is a new
 * migration, not an edit here.
 * @module
 */
import type { CreateTableBuilder, Kysely } from "kysely";
import type { MigrationContext } from "../dialects/dialect.js";

/** Start `create table NAME` with the shared record columns; the caller adds its own and executes. */
export function createRecordTable(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  ctx: MigrationContext,
  name: string,
): CreateTableBuilder<string, "case_id" | "id"> {
  return db.schema
    .createTable(name)
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("occurred_from", "text", (c) => c.notNull())
    .addColumn("occurred_to", "text", (c) => c.notNull())
    .addColumn("precision", "text", (c) => c.notNull())
    .addColumn("known_at", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("label_search", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("body", ctx.types.json, (c) => c.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ["case_id", "id"]);
}

/** Index the columns every record query filters or sorts on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function indexRecordTable(db: Kysely<any>, name: string): Promise<void> {
  await db.schema
    .createIndex(`${name}_when_idx`)
    .on(name)
    .columns(["case_id", "occurred_from", "occurred_to"])
    .execute();
  await db.schema.createIndex(`${name}_known_idx`).on(name).columns(["case_id", "known_at"]).execute();
}
