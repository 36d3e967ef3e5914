/**
 * Tables of the warning desk (migration 0430): contact points, the deliveries outbox, answer-token hashes,
 * follow-ups sent (reminders, escalations) and the SQLite worker lease.
 * @module
 */
import type { Selectable } from "kysely";

export interface ContactPointTable {
  id: string;
  case_id: string;
  actor_id: string;
  /** email | webhook | outbox */
  channel: string;
  /** An email address, an http(s) URL or an outbox file path. */
  address: string;
  /** en | fr */
  language: string;
  created_at: string;
}
export type ContactPointRow = Selectable<ContactPointTable>;

export interface DeliveryTable {
  /** The idempotency key. */
  id: string;
  case_id: string;
  warning_id: string;
  recipient_id: string;
  contact_point_id: string;
  channel: string;
  address: string;
  language: string;
  /** warning | reminder | escalation */
  purpose: string;
  /** The DeskMessage to send, as JSON (built when queued: no confidential source in it). */
  message: string;
  /** queued | sending | delivered | failed | dead */
  state: string;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  /** The far end's answer: the SMTP reply, the webhook status, the outbox line. */
  receipt: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}
export type DeliveryRow = Selectable<DeliveryTable>;

export interface AnswerTokenTable {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  token_hash: string;
  case_id: string;
  warning_id: string;
  recipient_id: string;
  /** Random; the token is an HMAC of it under the install's key (outside the database). */
  nonce: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  response_id: string | null;
}
export type AnswerTokenRow = Selectable<AnswerTokenTable>;

export interface FollowupTable {
  case_id: string;
  warning_id: string;
  action_id: string;
  /** reminder | escalation */
  kind: string;
  sent_at: string;
  followup_warning_id: string | null;
}
export type FollowupRow = Selectable<FollowupTable>;

export interface WorkerLeaseTable {
  name: string;
  owner: string;
  host: string;
  pid: number;
  lease_until: string;
}
export type WorkerLeaseRow = Selectable<WorkerLeaseTable>;
