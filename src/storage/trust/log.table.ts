/**
 * The tables of the tamper-evident log, and a typed view of the store that includes them (kept here, not in
 * `database.ts`, so the log's schema stays in one folder).
 * @module
 */
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database } from "../database.js";

export interface LogLeafTable {
  leaf_index: number;
  leaf_data: string;
  leaf_hash: string;
  action: string;
  table_name: string;
  record_key: string;
  logged_at: string;
}
export type LogLeafRow = Selectable<LogLeafTable>;

export interface LogCheckpointTable {
  tree_size: number;
  root_hash: string;
  checkpoint: string;
  compact_range: string;
  created_at: string;
}
export type LogCheckpointRow = Selectable<LogCheckpointTable>;

export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  /** Encrypted (field key) base32 TOTP secret, or null before enrolment. */
  totp_secret: string | null;
  /** The last accepted TOTP step, so a code cannot be replayed. */
  totp_last_step: number | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}
export type UserRow = Selectable<UserTable>;

export interface SessionTable {
  /** SHA-256 (hex) of the cookie's token: a stolen database holds no usable session. */
  token_hash: string;
  user_id: string;
  second_factor: number;
  created_at: string;
  expires_at: string;
}
export type SessionRow = Selectable<SessionTable>;

export interface ApiTokenTable {
  token_hash: string;
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}
export type ApiTokenRow = Selectable<ApiTokenTable>;

export interface AuditEventTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string | null;
  line: string;
}
export type AuditEventRow = Selectable<AuditEventTable>;

export interface RevealRequestTable {
  id: string;
  case_id: string;
  source_id: string;
  requested_by: string;
  reason: string;
  requested_at: string;
  approved_by: string | null;
  approved_at: string | null;
  expires_at: string | null;
  used_at: string | null;
}
export type RevealRequestRow = Selectable<RevealRequestTable>;

/** The store's schema plus the log and account tables. */
export interface TrustDatabase extends Database {
  log_leaves: LogLeafTable;
  log_checkpoints: LogCheckpointTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  reveal_requests: RevealRequestTable;
}

/** The same connection or transaction, typed with the log tables. */
export function trustDb(db: Kysely<Database> | Transaction<Database>): Kysely<TrustDatabase> {
  return db as unknown as Kysely<TrustDatabase>;
}
