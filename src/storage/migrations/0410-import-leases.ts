/**
 * Migration 0410: `import_leases`, one row per import running (case, format, file hash), so two runs of the
 * same file never write at once (see src/storage/imports/import-lease.repository.ts).
 */
import type { StoreMigration } from "./migration.js";

export const migration0410ImportLeases: StoreMigration = {
  name: "0410-import-leases",
  async up(db) {
    await db.schema
      .createTable("import_leases")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("format", "text", (c) => c.notNull())
      .addColumn("file_sha256", "text", (c) => c.notNull())
      .addColumn("owner", "text", (c) => c.notNull())
      .addColumn("host", "text", (c) => c.notNull())
      .addColumn("pid", "integer", (c) => c.notNull())
      .addColumn("file_name", "text", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("import_leases_pk", ["case_id", "format", "file_sha256"])
      .execute();
  },
};
