/**
 * The tables of accounts: users, sessions, API tokens and the audit trail of what they did.
 * @module
 */
import type { Selectable } from "kysely";

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
