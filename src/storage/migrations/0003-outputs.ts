/** Migration 0003: engine alerts and forecast runs, stored as JSON payloads. */
import type { StoreMigration } from "./migration.js";

export const migration0003Outputs: StoreMigration = {
  name: "0003-outputs",
  async up(db, ctx) {
    // No foreign key to `cases`: an engine may raise alerts for a situation fed by imports alone.
    await db.schema
      .createTable("alerts")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("date", "text", (c) => c.notNull())
      .addColumn("situation", "text", (c) => c.notNull())
      .addColumn("level", "text", (c) => c.notNull())
      .addColumn("previous_level", "text", (c) => c.notNull())
      .addColumn("payload", ctx.types.json, (c) => c.notNull())
      .addPrimaryKeyConstraint("alerts_pk", ["case_id", "run_id", "seq"])
      .execute();
    await db.schema.createIndex("alerts_case_date_idx").on("alerts").columns(["case_id", "date"]).execute();
    await db.schema
      .createTable("forecast_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("data_sha256", "text", (c) => c.notNull())
      .addColumn("model", "text", (c) => c.notNull())
      .addColumn("model_version", "text", (c) => c.notNull())
      .addColumn("params", ctx.types.json, (c) => c.notNull())
      .addColumn("payload", ctx.types.json, (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("forecast_runs_kind_idx")
      .on("forecast_runs")
      .columns(["kind", "created_at"])
      .execute();
  },
};
