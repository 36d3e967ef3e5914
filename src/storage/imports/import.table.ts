/**
 * Tables of the importers: `import_batches` (one row per import run of a file, with its progress, for resume),
 * `import_rows` (the provider key, version and row hash behind each imported record, for idempotency) and
 * `record_versions` (the previous body of every record an import updated or deleted).
 * @module
 */
import type { Selectable } from "kysely";

export interface ImportBatchTable {
  id: string;
  case_id: string;
  format: string;
  file_name: string;
  file_sha256: string;
  source_id: string;
  /** running | done | interrupted */
  status: string;
  /** Last input line whose row is committed; a resumed run skips rows up to here. */
  last_line: number;
  read: number;
  imported: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  rejected: number;
  started_at: string;
  finished_at: string | null;
}
export type ImportBatchRow = Selectable<ImportBatchTable>;

export interface ImportRowTable {
  case_id: string;
  record_kind: string;
  record_id: string;
  provider: string;
  provider_id: string;
  /** Provider version (zero-padded timestamp, release…): sorts as text. */
  version: string;
  /** Hash of the raw row: equal means unchanged. */
  row_hash: string;
  /** The batch that last wrote the row. */
  batch_id: string;
}
export type ImportRowRow = Selectable<ImportRowTable>;

export interface RecordVersionTable {
  case_id: string;
  record_kind: string;
  record_id: string;
  /** The provider version and row hash of the replaced record. */
  version: string;
  row_hash: string;
  /** The replaced record's body (canonical JSON). */
  body: string;
  /** The batch that replaced or deleted it, and how. */
  replaced_by: string;
  change: string;
  /** When an API write replaced it (migration 0420; null for import batches, whose start is kept there). */
  replaced_at?: string | null;
}
export type RecordVersionRow = Selectable<RecordVersionTable>;

/**
 * The lease of a running import of one file into one case (at most one row per case, format and file hash): the
 * process holding it (owner token, host, pid), renewed by every batch it commits. Another run of the same file
 * waits or stops while the lease is live; a lease whose holder died (same host, pid gone) or that expired is
 * taken over, so a crashed import resumes.
 */
export interface ImportLeaseTable {
  case_id: string;
  format: string;
  file_sha256: string;
  /** A token unique to the holding run. */
  owner: string;
  host: string;
  pid: number;
  /** The file's name as the holder was given it (base name only). */
  file_name: string;
  started_at: string;
  /** ISO timestamp; past it, the lease may be taken over. */
  expires_at: string;
}
export type ImportLeaseRow = Selectable<ImportLeaseTable>;
