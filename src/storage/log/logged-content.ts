/**
 * What the log vouches for: the content hash of one stored row — for a record, its table row plus its
 * derived rows (citations, references, incident acts, source identities), so tampering with any of them
 * changes the hash. The same function serves the write (one row) and `log verify` (a whole table), so both
 * compute byte-identical content.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import { canonicalRow, sha256Hex } from "../records/canonical-json.js";
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

/**
 * Columns that change in normal operation without being evidence, left out of the content hash: the last
 * TOTP step (written at every login to stop code replay).
 */
const OPERATIONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = { users: ["totp_last_step"] };

function withoutOperational(table: string, row: AnyRow): AnyRow {
  const drop = OPERATIONAL_COLUMNS[table];
  if (!drop) return row;
  return Object.fromEntries(Object.entries(row).filter(([k]) => !drop.includes(k)));
}

/** The rows derived from a record, by table, each sorted canonically so storage order does not matter. */
interface Derived {
  citations: AnyRow[];
  record_refs: AnyRow[];
  incident_acts: AnyRow[];
  source_identities: AnyRow[];
}

/** The canonical text of each row, sorted: storage order does not matter. */
function sortedTexts(rows: readonly AnyRow[]): string[] {
  const texts = rows.map(canonicalRow);
  return texts.length < 2 ? texts : texts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The canonical key text stored in a leaf (`record_key`). */
export function keyText(key: RowKey): string {
  return canonicalRow(key);
}

/**
 * The content hash (hex SHA-256 of canonical JSON) of a row and its derived rows: of
 * `{ row, derived: { citations, record_refs, incident_acts, source_identities } }`, each derived list sorted by
 * its rows' canonical text. The text is assembled from each row's {@link canonicalRow} (the keys above are
 * already in sorted order), which is what `canonicalJson` of the whole would write.
 */
export function contentHash(table: string, row: AnyRow, derived?: Derived): string {
  const kind = KIND_OF_TABLE.get(table);
  if (kind === undefined || derived === undefined)
    return sha256Hex(`{"row":${canonicalRow(withoutOperational(table, row))}}`);
  const list = (rows: readonly AnyRow[]) => `[${sortedTexts(rows).join(",")}]`;
  return sha256Hex(
    `{"derived":{"citations":${list(derived.citations)},"incident_acts":${
      kind === "incident" ? list(derived.incident_acts) : "[]"
    },"record_refs":${list(derived.record_refs)},"source_identities":${
      kind === "source" ? list(derived.source_identities) : "[]"
    }},"row":${canonicalRow(row)}}`,
  );
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

const CHUNK = 500;

function chunked<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function pushTo(m: Map<string, AnyRow[]>, k: string, r: AnyRow): void {
  const list = m.get(k);
  if (list) list.push(r);
  else m.set(k, [r]);
}

/** The derived rows of the records `ids` of one kind in one case, keyed `case\0id`. */
async function derivedOf(
  u: Untyped,
  kind: string,
  caseId: string,
  ids: readonly string[],
): Promise<(k: string) => Derived> {
  const maps = {
    citations: new Map<string, AnyRow[]>(),
    record_refs: new Map<string, AnyRow[]>(),
    incident_acts: new Map<string, AnyRow[]>(),
    source_identities: new Map<string, AnyRow[]>(),
  };
  const specs: (readonly [keyof typeof maps, string | undefined, string])[] = [
    ["citations", "record_kind", "record_id"],
    ["record_refs", "record_kind", "record_id"],
    ...(kind === "incident" ? ([["incident_acts", undefined, "incident_id"]] as const) : []),
    ...(kind === "source" ? ([["source_identities", undefined, "source_id"]] as const) : []),
  ];
  for (const [t, kindCol, idCol] of specs) {
    for (const part of chunked(ids)) {
      let q = u.selectFrom(t).selectAll().where("case_id", "=", caseId).where(idCol, "in", part);
      if (kindCol) q = q.where(kindCol, "=", kind);
      for (const r of (await q.execute()) as AnyRow[])
        pushTo(maps[t], `${String(r.case_id)}\u0000${String(r[idCol])}`, r);
    }
  }
  return (k) => ({
    citations: maps.citations.get(k) ?? [],
    record_refs: maps.record_refs.get(k) ?? [],
    incident_acts: maps.incident_acts.get(k) ?? [],
    source_identities: maps.source_identities.get(k) ?? [],
  });
}

/**
 * The content hashes of many rows of one table at once (key text → hash; absent rows are absent), reading
 * them in chunks instead of one query per row: the fast path of {@link appendToLog} for batch writes.
 */
export async function rowContentHashes(
  db: Kysely<Database> | Transaction<Database>,
  table: string,
  keys: readonly RowKey[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const u = db as unknown as Untyped;
  const cols = Object.keys(keys[0] as RowKey);
  const uniform =
    cols.length > 0 && keys.every((k) => Object.keys(k).length === cols.length && cols.every((c) => c in k));
  const rows: AnyRow[] = [];
  if (uniform) {
    const last = cols[cols.length - 1] as string;
    const groups = new Map<string, { prefix: [string, string | number][]; values: (string | number)[] }>();
    for (const k of keys) {
      const prefix = cols.slice(0, -1).map((c) => [c, k[c] as string | number] as [string, string | number]);
      const g = groups.get(JSON.stringify(prefix));
      if (g) g.values.push(k[last] as string | number);
      else groups.set(JSON.stringify(prefix), { prefix, values: [k[last] as string | number] });
    }
    for (const g of groups.values()) {
      for (const part of chunked([...new Set(g.values)])) {
        let q = u.selectFrom(table).selectAll();
        for (const [c, v] of g.prefix) q = q.where(c, "=", v);
        rows.push(...((await q.where(last, "in", part).execute()) as AnyRow[]));
      }
    }
    const kind = KIND_OF_TABLE.get(table);
    const keyOf = (r: AnyRow): string =>
      keyText(Object.fromEntries(cols.map((c) => [c, r[c] as string | number])));
    if (kind === undefined) for (const r of rows) out.set(keyOf(r), contentHash(table, r));
    else {
      const byCase = new Map<string, AnyRow[]>();
      for (const r of rows) pushTo(byCase, String(r.case_id), r);
      for (const [caseId, list] of byCase) {
        const derived = await derivedOf(
          u,
          kind,
          caseId,
          list.map((r) => String(r.id)),
        );
        for (const r of list)
          out.set(keyOf(r), contentHash(table, r, derived(`${caseId}\u0000${String(r.id)}`)));
      }
    }
  }
  // Anything not matched (mixed key shapes, driver types differing from the key's): one query per row.
  for (const k of keys) {
    const t = keyText(k);
    if (!out.has(t)) {
      const h = await rowContentHash(db, table, k);
      if (h !== undefined) out.set(t, h);
    }
  }
  return out;
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
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
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
