/**
 * Migration 0430: the warning desk. `desk_contact_points` (where each actor receives warnings; admin-managed,
 * never in public views or exports), `desk_deliveries` (the transactional outbox of issued warnings, one row per
 * warning × recipient × channel, with its lease and receipt), `desk_answer_tokens` (the hash of each recipient's
 * answer link, never the token), `desk_followups` (reminders and escalations sent, one of each per request) and
 * `desk_worker_leases` (on SQLite, the one process that works the outbox).
 */
import type { StoreMigration } from "./migration.js";

export const migration0430Desk: StoreMigration = {
  name: "0430-desk",
  async up(db) {
    await db.schema
      .createTable("desk_contact_points")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("address", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("desk_contact_points_unique", ["case_id", "actor_id", "channel", "address"])
      .execute();
    await db.schema
      .createTable("desk_deliveries")
      // The idempotency key of (warning, recipient, channel, address): the email Message-ID, the webhook's header.
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("warning_id", "text", (c) => c.notNull())
      .addColumn("recipient_id", "text", (c) => c.notNull())
      .addColumn("contact_point_id", "text", (c) => c.notNull())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("address", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("purpose", "text", (c) => c.notNull())
      .addColumn("message", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("lease_owner", "text")
      .addColumn("lease_until", "text")
      .addColumn("receipt", "text")
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("delivered_at", "text")
      .execute();
    await db.schema
      .createIndex("desk_deliveries_due")
      .on("desk_deliveries")
      .columns(["state", "next_attempt_at"])
      .execute();
    await db.schema
      .createIndex("desk_deliveries_warning")
      .on("desk_deliveries")
      .columns(["case_id", "warning_id", "recipient_id"])
      .execute();
    await db.schema
      .createTable("desk_answer_tokens")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("warning_id", "text", (c) => c.notNull())
      .addColumn("recipient_id", "text", (c) => c.notNull())
      // Random; the link's token is an HMAC of it under a key kept outside the database.
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_at", "text")
      .addColumn("response_id", "text")
      .addUniqueConstraint("desk_answer_tokens_recipient", ["case_id", "warning_id", "recipient_id"])
      .execute();
    await db.schema
      .createTable("desk_followups")
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("warning_id", "text", (c) => c.notNull())
      .addColumn("action_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("sent_at", "text", (c) => c.notNull())
      .addColumn("followup_warning_id", "text")
      .addPrimaryKeyConstraint("desk_followups_pk", ["case_id", "warning_id", "action_id", "kind"])
      .execute();
    await db.schema
      .createTable("desk_worker_leases")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("owner", "text", (c) => c.notNull())
      .addColumn("host", "text", (c) => c.notNull())
      .addColumn("pid", "integer", (c) => c.notNull())
      .addColumn("lease_until", "text", (c) => c.notNull())
      .execute();
  },
};
