/**
 * What the log vouches for: the content hash of one stored row — for a record, its table row plus its
 * derived rows (citations, references, incident acts, source identities), so tampering with any of them
 * changes the hash. The same function serves the write (one row) and `log verify` (a whole table), so both
 * compute byte-identical content.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import { canonicalJson, sha256Hex } from "../records/canonical-json.js";
import { RECORD_TABLES } from "../records/record-tables.js";

/** A row's primary key as column → value. */
export type RowKey = Readonly<Record<string, string | number>>;

type AnyRow = Record<string, unknown>;
// The log reads tables by name; their types differ, so it sees them as untyped rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Kysely<any>;

const KIND_OF_TABLE = new Map<string, string>(
  Object.entries(RECORD_TABLES).map(([kind, spec]) => [spec.table, kind]),
);

/** The rows derived from a record, by table, each sorted canonically so storage order does not matter. */
interface Derived {
  citations: AnyRow[];
  record_refs: AnyRow[];
  incident_acts: AnyRow[];
  source_identities: AnyRow[];
}

function sortRows(rows: AnyRow[]): AnyRow[] {
  return rows
    .map((r) => [canonicalJson(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/** The canonical key text stored in a leaf (`record_key`). */
export function keyText(key: RowKey): string {
  return canonicalJson(key);
}

/** The content hash (hex SHA-256 of canonical JSON) of a row and its derived rows. */
export function contentHash(table: string, row: AnyRow, derived?: Derived): string {
  const kind = KIND_OF_TABLE.get(table);
  if (kind === undefined || derived === undefined) return sha256Hex(canonicalJson({ row }));
  const d: Derived = {
    citations: sortRows(derived.citations),
    record_refs: sortRows(derived.record_refs),
    incident_acts: kind === "incident" ? sortRows(derived.incident_acts) : [],
    source_identities: kind === "source" ? sortRows(derived.source_identities) : [],
  };
  return sha256Hex(canonicalJson({ row, derived: d }));
}

/** The content hash of the row with `key` in `table` now, or undefined when there is no such row. */
export async function rowContentHash(
  db: Kysely<Database> | Transaction<Database>,
  table: string,
  key: RowKey,
): Promise<string | undefined> {
  const u = db as unknown as Untyped;
  let q = u.selectFrom(table).selectAll();
  for (const [col, value] of Object.entries(key)) q = q.where(col, "=", value);
  const row = (await q.executeTakeFirst()) as AnyRow | undefined;
  if (row === undefined) return undefined;
  const kind = KIND_OF_TABLE.get(table);
  if (kind === undefined) return contentHash(table, row);
  const caseId = row.case_id as string;
  const id = row.id as string;
  const of = (t: string, kindCol: string | undefined, idCol: string) => {
    let dq = u.selectFrom(t).selectAll().where("case_id", "=", caseId).where(idCol, "=", id);
    if (kindCol) dq = dq.where(kindCol, "=", kind);
    return dq.execute() as Promise<AnyRow[]>;
  };
  return contentHash(table, row, {
    citations: await of("citations", "record_kind", "record_id"),
    record_refs: await of("record_refs", "record_kind", "record_id"),
    incident_acts: kind === "incident" ? await of("incident_acts", undefined, "incident_id") : [],
    source_identities: kind === "source" ? await of("source_identities", undefined, "source_id") : [],
  });
}

/**
 * Every row of `table` as key text → content hash, keyed by the given key columns (for `log verify`).
 * Reads each derived table once.
 */
export async function tableContentHashes(
  db: Kysely<Database>,
  table: string,
  keyColumns: readonly string[],
): Promise<Map<string, string>> {
  const u = db as unknown as Untyped;
  const rows = (await u.selectFrom(table).selectAll().execute()) as AnyRow[];
  const kind = KIND_OF_TABLE.get(table);
  const keyOf = (r: AnyRow): string =>
    keyText(Object.fromEntries(keyColumns.map((c) => [c, r[c] as string | number])));
  const out = new Map<string, string>();
  if (kind === undefined) {
    for (const r of rows) out.set(keyOf(r), contentHash(table, r));
    return out;
  }
  const group = async (
    t: string,
    kindCol: string | undefined,
    idCol: string,
  ): Promise<Map<string, AnyRow[]>> => {
    const m = new Map<string, AnyRow[]>();
    let q = u.selectFrom(t).selectAll();
    if (kindCol) q = q.where(kindCol, "=", kind);
    for (const r of (await q.execute()) as AnyRow[]) {
      const k = `${String(r.case_id)}\u0000${String(r[idCol])}`;
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  };
  const citations = await group("citations", "record_kind", "record_id");
  const refs = await group("record_refs", "record_kind", "record_id");
  const acts =
    kind === "incident"
      ? await group("incident_acts", undefined, "incident_id")
      : new Map<string, AnyRow[]>();
  const identities =
    kind === "source"
      ? await group("source_identities", undefined, "source_id")
      : new Map<string, AnyRow[]>();
  for (const r of rows) {
    const k = `${String(r.case_id)}\u0000${String(r.id)}`;
    out.set(
      keyOf(r),
      contentHash(table, r, {
        citations: citations.get(k) ?? [],
        record_refs: refs.get(k) ?? [],
        incident_acts: acts.get(k) ?? [],
        source_identities: identities.get(k) ?? [],
      }),
    );
  }
  return out;
}
