/**
 * Migration 0420: what writes through the API need — `idempotency_keys` (a retried create returns its first
 * answer), `record_writes` (who wrote which version of a record, when: the journal behind ETags and the kept
 * versions), `record_backfills` (a record entered with a `knownAt` in the past, with the reason and who entered
 * it) and `live_cases` (a case created with no end: its period widens as records arrive). Earlier versions and soft deletes are
 * kept in `record_versions` (migration 0100), which gains the time of the replacing write.
 */
import type { StoreMigration } from "./migration.js";

export const migration0420Writes: StoreMigration = {
  name: "0420-writes",
  async up(db, ctx) {
    await db.schema
      .createTable("idempotency_keys")
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("request_hash", "text", (c) => c.notNull())
      .addColumn("status", "integer", (c) => c.notNull())
      .addColumn("response", ctx.types.json, (c) => c.notNull())
      .addColumn("etag", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("idempotency_keys_pk", ["user_id", "key"])
      .execute();
    await db.schema
      .createTable("record_writes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("record_kind", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("op", "text", (c) => c.notNull())
      .addColumn("version", "text")
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("record_writes_record_idx")
      .on("record_writes")
      .columns(["case_id", "record_kind", "record_id", "at"])
      .execute();
    await db.schema
      .createTable("record_backfills")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("record_kind", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("entered_at", "text", (c) => c.notNull())
      .addColumn("entered_by", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("record_backfills_pk", ["case_id", "record_kind", "record_id"])
      .execute();
    await db.schema.alterTable("record_versions").addColumn("replaced_at", "text").execute();
    // A table of its own rather than a column of `cases`: a logged row's content hash must not change under
    // the log (a new column would alter every case row logged before it).
    await db.schema
      .createTable("live_cases")
      .addColumn("case_id", "text", (c) => c.primaryKey())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },
};
