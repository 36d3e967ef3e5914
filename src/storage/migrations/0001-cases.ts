/** Migration 0001: the `cases` table. */
import type { StoreMigration } from "./migration.js";

export const migration0001Cases: StoreMigration = {
  name: "0001-cases",
  async up(db, ctx) {
    await db.schema
      .createTable("cases")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("manifest", ctx.types.json, (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("loaded_at", "text", (c) => c.notNull())
      .execute();
  },
};
