/**
 * Migration 0440: `case_settings`, per-case switches set through the API — today `auto_issue_warnings` (1: an
 * alert raised by the live assessment is issued as a warning at once; 0, the default: it stays a proposal). A
 * table of its own, not a column of `cases`, so the content hash of a logged case row never changes under the log.
 */
import type { StoreMigration } from "./migration.js";

export const migration0440CaseSettings: StoreMigration = {
  name: "0440-case-settings",
  async up(db) {
    await db.schema
      .createTable("case_settings")
      .addColumn("case_id", "text", (c) => c.primaryKey())
      .addColumn("auto_issue_warnings", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("updated_by", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
};
