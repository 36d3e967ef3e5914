/**
 * Migration 0002: one table per record kind, with typed columns for what is queried, plus `citations`,
 * `record_refs` (actor and group references), `incident_acts` and `source_identities`.
 */
import type { StoreMigration } from "./migration.js";
import { createRecordTable, indexRecordTable } from "./record-table.helper.js";

export const migration0002Records: StoreMigration = {
  name: "0002-records",
  async up(db, ctx) {
    const t = (name: string) => createRecordTable(db, ctx, name);
    await t("actors")
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("member_of", "text")
      .addColumn("side", "text")
      .addColumn("country", "text")
      .addColumn("duty_bearer", "integer", (c) => c.notNull())
      .execute();
    await t("protected_groups")
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .execute();
    await t("sources")
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("reliability", "text", (c) => c.notNull())
      .addColumn("credibility", "integer", (c) => c.notNull())
      .addColumn("confidential", "integer", (c) => c.notNull())
      .execute();
    await t("incidents")
      .addColumn("country", "text", (c) => c.notNull())
      .addColumn("admin1", "text")
      .addColumn("target_group_id", "text")
      .addColumn("organised", "text", (c) => c.notNull())
      .addColumn("state_involvement", "text", (c) => c.notNull())
      .addColumn("fatalities_best", ctx.types.real)
      .execute();
    await t("reports")
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("country", "text")
      .addColumn("target_group_id", "text")
      .addColumn("qualification", "text", (c) => c.notNull())
      .addColumn("mentions_genocide_risk", "integer", (c) => c.notNull())
      .execute();
    await t("warnings")
      .addColumn("sender_id", "text", (c) => c.notNull())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("country", "text")
      .addColumn("target_group_id", "text")
      .addColumn("origin", "text", (c) => c.notNull())
      .execute();
    await t("responses")
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("warning_id", "text")
      .addColumn("requested_action_id", "text")
      .addColumn("country", "text")
      .addColumn("target_group_id", "text")
      .execute();
    await t("commitments")
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("addressee_id", "text")
      .addColumn("follow_up_due", "text")
      .addColumn("delivered", "integer")
      .addColumn("delivered_by", "text")
      .execute();
    await t("mandates")
      .addColumn("adopted_by_id", "text", (c) => c.notNull())
      .addColumn("mission_id", "text", (c) => c.notNull())
      .addColumn("resolution", "text")
      .addColumn("legal_basis", "text", (c) => c.notNull())
      .addColumn("country", "text")
      .addColumn("ended_at", "text")
      .execute();
    await t("capabilities")
      .addColumn("force_id", "text", (c) => c.notNull())
      .addColumn("owner_id", "text")
      .addColumn("tasking", "text", (c) => c.notNull())
      .addColumn("country", "text")
      .execute();
    await t("statements")
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("country", "text")
      .addColumn("target_group_id", "text")
      .execute();
    await t("tribunals")
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .execute();
    await t("tribunal_cases")
      .addColumn("tribunal_id", "text", (c) => c.notNull())
      .addColumn("accused_id", "text", (c) => c.notNull())
      .addColumn("side", "text")
      .addColumn("outcome", "text", (c) => c.notNull())
      .execute();
    for (const name of RECORD_TABLES) await indexRecordTable(db, name);

    await db.schema
      .createTable("source_identities")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("source_id", "text", (c) => c.notNull())
      .addColumn("field", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("source_identities_pk", ["case_id", "source_id", "field"])
      .addForeignKeyConstraint(
        "source_identities_source_fk",
        ["case_id", "source_id"],
        "sources",
        ["case_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .execute();

    await db.schema
      .createTable("incident_acts")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("incident_id", "text", (c) => c.notNull())
      .addColumn("act", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("incident_acts_pk", ["case_id", "incident_id", "act"])
      .addForeignKeyConstraint(
        "incident_acts_incident_fk",
        ["case_id", "incident_id"],
        "incidents",
        ["case_id", "id"],
        (fk) => fk.onDelete("cascade"),
      )
      .execute();
    await db.schema
      .createIndex("incident_acts_act_idx")
      .on("incident_acts")
      .columns(["act", "case_id"])
      .execute();

    // A citation must point at a source of the same case: the database enforces it, not only the validator.
    await db.schema
      .createTable("citations")
      .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
      .addColumn("record_kind", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("source_id", "text", (c) => c.notNull())
      .addColumn("locator", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("citations_pk", ["case_id", "record_kind", "record_id", "seq"])
      .addForeignKeyConstraint("citations_source_fk", ["case_id", "source_id"], "sources", ["case_id", "id"])
      .execute();
    await db.schema
      .createIndex("citations_source_idx")
      .on("citations")
      .columns(["case_id", "source_id"])
      .execute();

    await db.schema
      .createTable("record_refs")
      .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
      .addColumn("record_kind", "text", (c) => c.notNull())
      .addColumn("record_id", "text", (c) => c.notNull())
      .addColumn("ref_kind", "text", (c) => c.notNull())
      .addColumn("ref_id", "text", (c) => c.notNull())
      .addColumn("field", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("record_refs_pk", [
        "case_id",
        "record_kind",
        "record_id",
        "field",
        "ref_kind",
        "ref_id",
      ])
      .execute();
    await db.schema
      .createIndex("record_refs_ref_idx")
      .on("record_refs")
      .columns(["ref_kind", "ref_id", "record_kind", "case_id"])
      .execute();
  },
};

/** The record tables this migration creates (frozen with it: later migrations may read this list). */
export const RECORD_TABLES = [
  "actors",
  "protected_groups",
  "sources",
  "incidents",
  "reports",
  "warnings",
  "responses",
  "commitments",
  "mandates",
  "capabilities",
  "statements",
  "tribunals",
  "tribunal_cases",
] as const;
