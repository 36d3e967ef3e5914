/**
 * Migration 0200: the tamper-evident log (RFC 9162 leaves and signed checkpoints; append-only by use: no
 * code path updates or deletes these rows, and `tocsin log verify` finds any row that was), and the
 * accounts: users, sessions, API tokens and the audit trail. Secrets are stored only as hashes (passwords:
 * scrypt; session and API tokens: SHA-256) or encrypted (TOTP secrets: AES-256-GCM with the field key).
 */
import type { StoreMigration } from "./migration.js";

export const migration0200Trust: StoreMigration = {
  name: "0200-trust",
  async up(db) {
    await db.schema
      .createTable("log_leaves")
      .addColumn("leaf_index", "integer", (c) => c.primaryKey())
      // The exact bytes hashed into the tree (canonical JSON, UTF-8) and their leaf hash, base64.
      .addColumn("leaf_data", "text", (c) => c.notNull())
      .addColumn("leaf_hash", "text", (c) => c.notNull())
      // Copies of fields of leaf_data, for lookups; verify checks they agree with leaf_data.
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("table_name", "text", (c) => c.notNull())
      .addColumn("record_key", "text", (c) => c.notNull())
      .addColumn("logged_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("log_leaves_record_idx")
      .on("log_leaves")
      .columns(["table_name", "record_key"])
      .execute();
    await db.schema
      .createTable("log_checkpoints")
      .addColumn("tree_size", "integer", (c) => c.primaryKey())
      .addColumn("root_hash", "text", (c) => c.notNull())
      // The signed note (C2SP tlog-checkpoint), exactly as signed.
      .addColumn("checkpoint", "text", (c) => c.notNull())
      // The compact range at this size (JSON), so the next checkpoint hashes only the new leaves.
      .addColumn("compact_range", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("username", "text", (c) => c.notNull().unique())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("totp_secret", "text")
      .addColumn("totp_last_step", "integer")
      .addColumn("disabled", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("sessions")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("second_factor", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();
    await db.schema
      .createTable("api_tokens")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("id", "text", (c) => c.notNull().unique())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text")
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema
      .createTable("audit_events")
      .addColumn("seq", "integer", (c) => c.primaryKey())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target", "text")
      .addColumn("outcome", "text")
      // The whole event as one redacted JSON line (src/security/audit-line.ts).
      .addColumn("line", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("audit_events_at_idx").on("audit_events").column("at").execute();
    // Dual control: a source-handler asks to reveal one source's identity, a second one approves, the
    // first reads it once within the approval's lifetime. Every step is a log leaf and an audit event.
    await db.schema
      .createTable("reveal_requests")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("case_id", "text", (c) => c.notNull())
      .addColumn("source_id", "text", (c) => c.notNull())
      .addColumn("requested_by", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("requested_at", "text", (c) => c.notNull())
      .addColumn("approved_by", "text")
      .addColumn("approved_at", "text")
      .addColumn("expires_at", "text")
      .addColumn("used_at", "text")
      .execute();
  },
};
