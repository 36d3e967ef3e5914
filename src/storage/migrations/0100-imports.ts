/**
 * Migration 0100: the importers' bookkeeping — import batches (resume), import rows (idempotency by provider
 * key, version and row hash) and record versions (what an update or a deletion replaced).
 */
import type { StoreMigration } from "./migration.js";

export const migration0100Imports: StoreMigration = {
  name: "0100-imports",
  async up(db, ctx) {
    await db.schema
      .createTable("import_batches")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("format", "text", (c) => c.notNull())
      .addColumn("file_name", "text", (c) => c.notNull())
      .addColumn("file_sha256", "text", (c) => c.notNull())
      .addColumn("source_id", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("last_line", "integer", (c) => c.notNull())
      .addColumn("read", "integer", (c) => c.notNull())
      .addColumn("imported", "integer", (c) => c.notNull())
      .addColumn("updated", "integer", (c) => c.notNull())
      .addColumn("unchanged", "integer", (c) => c.notNull())
      .addColumn("deleted", "integer", (c) => c.notNull())
      .addColumn("skipped", "integer", (c) => c.notNull())
      .addColumn("rejected", "integer", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .execute();
    await db.schema
      .createIndex("import_batches_file_idx")
      .on("import_batches")
      .columns(["case_id", "format", "file_sha256", "status"])
      .execute();
    await db.schema
      .createTable("import_rows")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("record_kind", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("provider_id", "text", (c) => c.notNull())
      .addColumn("version", "text", (c) => c.notNull())
      .addColumn("row_hash", "text", (c) => c.notNull())
      .addColumn("batch_id", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("import_rows_pk", ["case_id", "record_kind", "record_id"])
      .execute();
    await db.schema
      .createTable("record_versions")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("record_kind", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("version", "text", (c) => c.notNull())
      .addColumn("row_hash", "text", (c) => c.notNull())
      .addColumn("body", ctx.types.json, (c) => c.notNull())
      .addColumn("replaced_by", "text", (c) => c.notNull())
      .addColumn("change", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("record_versions_pk", [
        "case_id",
        "record_kind",
        "record_id",
        "version",
        "row_hash",
      ])
      .execute();
  },
};
