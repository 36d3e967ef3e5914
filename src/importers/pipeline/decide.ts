/**
 * The idempotency rule, pure: given what the store (and earlier rows of the same batch) hold for a key, is a
 * mapped row an insert, an update, unchanged, or older than what is stored? And may a deletion apply?
 * @module
 */

/** What is known about a key before the row: its version and raw-row hash, or nothing. */
export interface KnownRow {
  readonly version: string;
  readonly rowHash: string;
}

/** The row hash the store keeps for a record its provider deleted (see the import repository). */
export const TOMBSTONE = "(deleted)";

export type RowDecision = "insert" | "update" | "unchanged" | "older";

/**
 * Same hash → unchanged; different content with a version not older than the stored one → update (equal
 * versions happen for datasets without timestamps, where the newer file wins); older → kept out.
 * @example decideRow(undefined, "000001", "h1") // "insert"
 * @example decideRow({ version: "000002", rowHash: "h1" }, "000001", "h2") // "older"
 */
export function decideRow(known: KnownRow | undefined, version: string, rowHash: string): RowDecision {
  if (known === undefined) return "insert";
  if (known.rowHash === rowHash) return "unchanged";
  return version >= known.version ? "update" : "older";
}

export type DeleteDecision = "delete" | "absent" | "superseded";

/**
 * A deletion applies to a stored record unless the record was updated after the deletion was issued.
 * @example decideDelete({ version: "000005", rowHash: "h" }, "000009") // "delete"
 */
export function decideDelete(known: KnownRow | undefined, version: string): DeleteDecision {
  if (known === undefined || known.rowHash === TOMBSTONE) return "absent";
  return version >= known.version ? "delete" : "superseded";
}
