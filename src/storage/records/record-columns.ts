/**
 * Columns every record table has: the key, the dates queried by range, a searchable label, the content hash
 * that makes loading idempotent, and the full domain record as JSON.
 * @module
 */

/**
 * The shared columns. Dates are `YYYY-MM-DD` text in both dialects so they compare as strings and never turn
 * into driver Date objects. `body` is JSON text (SQLite `text`, PostgreSQL `jsonb` read back as text).
 */
export interface RecordColumns {
  case_id: string;
  id: string;
  occurred_from: string;
  occurred_to: string;
  precision: string;
  known_at: string;
  /** The one-line summary shown in lists and the timeline (summary, title or name). */
  label: string;
  /** `label` lower-cased, for dialect-independent case-insensitive search. */
  label_search: string;
  /** SHA-256 of the canonical JSON of `body`: equal hashes mean nothing to write. */
  content_hash: string;
  /**
   * The full domain record as JSON text; a source's protected identity is never in it, and a confidential
   * source's body is only its placeholder (see `source.mapper.ts`).
   */
  body: string;
}
