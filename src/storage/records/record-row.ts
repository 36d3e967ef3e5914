/**
 * The shared half of every record mapper: domain record → the common columns, and common columns → the
 * domain record. The body is the full record; the key and date columns are authoritative when reading back.
 * @module
 */
import type { RecordBase, RecordKind, RecordOf } from "../../domain/index.js";
import { recordSummary } from "../../domain/index.js";
import { canonicalJson, sha256Hex } from "./canonical-json.js";
import type { RecordColumns } from "./record-columns.js";

/**
 * The common columns of a record. `body` is what is stored as the record (a source passes itself without its
 * protected identity); the hash is over that body, so a change anywhere in it is an update.
 */
export function recordColumns<K extends RecordKind>(
  caseId: string,
  kind: K,
  record: RecordOf<K>,
  body: object = record,
): RecordColumns {
  const r = record as RecordBase;
  const json = canonicalJson(body);
  const label = recordSummary(kind, record);
  return {
    case_id: caseId,
    id: r.id,
    occurred_from: r.occurredAt.from,
    occurred_to: r.occurredAt.to,
    precision: r.occurredAt.precision,
    known_at: r.knownAt,
    label,
    label_search: label.toLowerCase(),
    content_hash: sha256Hex(json),
    body: json,
  };
}

/** The domain record held by a row: its body, with id and dates taken from their columns. */
export function recordFromColumns<T extends RecordBase>(row: RecordColumns): T {
  const body = JSON.parse(row.body) as T;
  return {
    ...body,
    id: row.id,
    occurredAt: {
      from: row.occurred_from,
      to: row.occurred_to,
      precision: row.precision as T["occurredAt"]["precision"],
    },
    knownAt: row.known_at,
  };
}

/** `undefined` → SQL NULL. */
export function orNull<T>(v: T | undefined): T | null {
  return v === undefined ? null : v;
}

/** A boolean as the integer both dialects store (0/1). */
export function bit(v: boolean): number {
  return v ? 1 : 0;
}
