/**
 * Tables of API writes (migration 0420): idempotency keys, the write journal and backfill marks.
 * @module
 */
import type { Selectable } from "kysely";

/** A create answered once: a retry with the same key and body gets the same answer. */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  /** `POST /api/cases/{caseId}/records/{kind}` as requested: a key is bound to one route. */
  scope: string;
  /** SHA-256 of the canonical request body. */
  request_hash: string;
  status: number;
  /** The first answer's JSON body. */
  response: string;
  etag: string | null;
  created_at: string;
}
export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;

/** One committed write of one record: who, when, which operation and the version it produced. */
export interface RecordWriteTable {
  id: string;
  case_id: string;
  record_kind: string;
  record_id: string;
  /** create | update | delete */
  op: string;
  /** The record's version after the write (null after a delete). */
  version: string | null;
  actor: string;
  at: string;
}
export type RecordWriteRow = Selectable<RecordWriteTable>;

/** A record entered with a `knownAt` more than a day before its entry, and why. */
export interface RecordBackfillTable {
  case_id: string;
  record_kind: string;
  record_id: string;
  reason: string;
  entered_at: string;
  entered_by: string;
}
export type RecordBackfillRow = Selectable<RecordBackfillTable>;

/** A case created through the API with no end: a live situation whose period widens as records arrive. */
export interface LiveCaseTable {
  case_id: string;
  created_by: string;
  created_at: string;
}

/** Per-case switches (migration 0440). `auto_issue_warnings`: 1 issues live alerts as warnings at once. */
export interface CaseSettingsTable {
  case_id: string;
  auto_issue_warnings: number;
  updated_by: string;
  updated_at: string;
}
