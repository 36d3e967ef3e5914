/**
 * The SQLite import writer (a dialect fast path): a second connection to the store's file with prepared
 * statements reused for every batch, one transaction per batch. Kysely compiles and prepares a statement per
 * call, which cost more than the inserts themselves on million-row files. Rows are written in primary-key
 * order, CHUNK rows per INSERT, and keys are looked up LOOKUP_CHUNK at a time with `IN (...)`.
 * Same tables, same rows and same semantics as kysely-import.writer.ts.
 * @module
 */
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../database.js";
import { batchLogEntries } from "../imports/import-log.js";
import { widenCasePeriod } from "../imports/case-period.js";
import { checkLeaseFence } from "../imports/import-lease.repository.js";
import { confidentialSourceIds, sealSourceVersions } from "../imports/source-versions.js";
import { leafRows, writtenKeys } from "../log/log-append.js";
import { contentHash, keyText, rowContentHash, rowContentHashes } from "../log/logged-content.js";
import {
  actorReferences,
  type Actor,
  type Incident,
  type RecordKind,
  type RecordOf,
  type Source,
} from "../../domain/index.js";
import type { RecordColumns } from "../records/record-columns.js";
import { tableOf } from "../records/record-tables.js";
import { sourceToIdentityRows, storedSourceCitations } from "../records/source.mapper.js";
import type { Store } from "../store.js";
import { tagWith } from "../identity-codec.js";
import { identityCodecOf, toStoreError } from "../store-registry.js";
import type { ImportWriter } from "../imports/import-writer.port.js";
import {
  DELETED_ROW_HASH,
  type BatchCommit,
  type ImportKind,
  type ImportRecord,
  type ImportWrite,
} from "../imports/import.repository.js";

type Stmt = BetterSqlite3.Statement;

const KIND_ORDER: readonly ImportKind[] = ["source", "actor", "incident"];

/** Rows per multi-row INSERT: one native call per 64 rows; 64 × 16 columns stays far below SQLite's 32,766 parameters. */
const CHUNK = 64;

/** A NUL or a lone surrogate (in a `u` regex a surrogate pair is one code point): text SQLite may not return as given. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const NOT_AS_WRITTEN = /[\u0000\uD800-\uDFFF]/u;

/** Ids per `IN (...)` look-up. */
const LOOKUP_CHUNK = 256;

/** Order import keys [case, kind, id, …] by kind then id, the primary key's order. */
function compareKey(a: readonly unknown[], b: readonly unknown[]): number {
  const ka = `${a[1] as string}\u0000${a[2] as string}`;
  const kb = `${b[1] as string}\u0000${b[2] as string}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Open the writer on the store's file. */
export async function openSqliteImportWriter(store: Store): Promise<ImportWriter> {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(store.location, { fileMustExist: true, timeout: 5000 });
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = FULL");
    // A 32 MiB page cache: with six indexed tables written per row, the 2 MiB default thrashes.
    db.pragma("cache_size = -32768");
    // Sorts and temporary b-trees in memory, never in a temporary file.
    db.pragma("temp_store = MEMORY");
    // Checkpoint every 16 MiB of WAL instead of 4 MiB: a batch dirties thousands of index pages, and a page
    // changed by several batches between checkpoints is copied into the database once. Durability is the
    // same: every commit is still fsynced to the WAL (synchronous = FULL).
    db.pragma("wal_autocheckpoint = 4096");
  } catch (e) {
    throw toStoreError(store, e, "open the import writer");
  }
  // Kysely on this same connection, only for the log append: the leaves are computed by the same code as
  // every other write (and as `log verify`), inside this writer's open transaction.
  const kdb = new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) });
  // Identity rows of sources (a confidential source's sealed fields and protected identity) go through the
  // store's codec, as in every other write: encrypted with the field key, or refused without one.
  const codec = identityCodecOf(store);
  const cache = new Map<string, Stmt>();
  const prep = (sqlText: string): Stmt => {
    let s = cache.get(sqlText);
    if (!s) cache.set(sqlText, (s = db.prepare(sqlText)));
    return s;
  };
  /**
   * Insert rows (flat value arrays of `cols.length`) into `table`, CHUNK rows per statement: one call into
   * SQLite per CHUNK rows instead of per row. The remainder goes row by row, so each table needs two statements.
   */
  const insertMany = (
    table: string,
    cols: readonly string[],
    rows: readonly unknown[][],
    tail = "",
  ): void => {
    if (rows.length === 0) return;
    const width = cols.length;
    const tuple = `(${cols.map(() => "?").join(",")})`;
    const head = `insert into ${table} (${cols.join(",")}) values `;
    let i = 0;
    if (rows.length >= CHUNK) {
      const full = prep(head + Array.from({ length: CHUNK }, () => tuple).join(",") + tail);
      const buf = new Array<unknown>(CHUNK * width);
      for (; i + CHUNK <= rows.length; i += CHUNK) {
        let k = 0;
        for (let j = i; j < i + CHUNK; j++) {
          const r = rows[j] as unknown[];
          for (let c = 0; c < width; c++) buf[k++] = r[c];
        }
        full.run(buf);
      }
    }
    if (i < rows.length) {
      const one = prep(head + tuple + tail);
      for (; i < rows.length; i++) one.run(rows[i] as unknown[]);
    }
  };

  const CITATION_COLS = ["case_id", "record_kind", "record_id", "seq", "source_id", "locator"];
  const REF_COLS = ["case_id", "record_kind", "record_id", "ref_kind", "ref_id", "field"];
  const ACT_COLS = ["case_id", "incident_id", "act"];
  const IDENTITY_COLS = ["case_id", "source_id", "field", "value"];

  /** Declared column types of a table (lower case), read once: what the inserted values must match to be hashed as built. */
  const tableTypes = new Map<string, Map<string, string>>();
  const typesOf = (table: string): Map<string, string> => {
    let t = tableTypes.get(table);
    if (!t) {
      const info = db.pragma(`table_info(${table})`) as { name: string; type: string }[];
      t = new Map(info.map((c) => [c.name, c.type.toLowerCase()]));
      tableTypes.set(table, t);
    }
    return t;
  };
  /**
   * Whether `values` of `cols` read back exactly as written (so the content hash can be computed from them, as
   * `log verify` will from the stored row): the columns are all of the table's, text goes into text columns
   * (well-formed, no NUL), numbers into numeric ones. Anything else is hashed from the stored row instead.
   */
  const readsBackAsWritten = (
    table: string,
    cols: readonly string[],
    values: readonly unknown[],
  ): boolean => {
    const types = typesOf(table);
    if (types.size !== cols.length) return false;
    for (let i = 0; i < cols.length; i++) {
      const type = types.get(cols[i] as string);
      const v = values[i];
      if (type === undefined) return false;
      if (v === null) continue;
      if (typeof v === "string") {
        if (type !== "text" || NOT_AS_WRITTEN.test(v)) return false;
      } else if (typeof v === "number") {
        if (type !== "integer" && type !== "real") return false;
      } else return false;
    }
    return true;
  };
  const asRow = (cols: readonly string[], values: readonly unknown[]): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < cols.length; i++) o[cols[i] as string] = values[i];
    return o;
  };

  /**
   * Insert records with their derived rows, and put into `hashes` (key text → content hash) the log's content
   * hash of each record row, computed from the values inserted. Sources, and any row that might not read back
   * as written, get none: the log reads those back.
   */
  const insertRecords = (
    caseId: string,
    kind: ImportKind,
    unsorted: readonly ImportRecord[],
    hashes: Map<string, string>,
  ): void => {
    if (unsorted.length === 0) return;
    const spec = tableOf(kind);
    // Primary-key order: each batch walks the key index once, left to right, instead of at random.
    const records = [...unsorted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let cols: string[] | undefined;
    let rows: unknown[][] = [];
    let citations: unknown[][] = [];
    let refs: unknown[][] = [];
    let acts: unknown[][] = [];
    /**
     * Insert what is buffered: the records first (the derived rows refer to them), then whole chunks of derived
     * rows (`all`: every row). Flushing every CHUNK records keeps built rows short-lived, instead of a whole
     * batch's worth surviving young-generation collections until the end of the batch.
     */
    const flush = (all: boolean): void => {
      insertMany(spec.table, cols as string[], rows);
      rows = [];
      const part = (table: string, names: readonly string[], list: unknown[][]): unknown[][] => {
        const n = all ? list.length : list.length - (list.length % CHUNK);
        if (n === 0) return list;
        insertMany(table, names, n === list.length ? list : list.slice(0, n));
        return n === list.length ? [] : list.slice(n);
      };
      citations = part("citations", CITATION_COLS, citations);
      refs = part("record_refs", REF_COLS, refs);
      acts = part("incident_acts", ACT_COLS, acts);
    };
    // Sources may have identity rows, encrypted (a value differing at every write): their hashes are read back.
    const hashed = kind !== "source";
    for (const r of records) {
      if (rows.length === CHUNK) flush(false);
      const row = (spec.toRow as (c: string, r: ImportRecord) => RecordColumns)(
        caseId,
        r,
      ) as unknown as Record<string, unknown>;
      // A mapper always returns the same columns in the same order.
      cols ??= Object.keys(row);
      const values = Object.values(row);
      rows.push(values);
      const c0 = citations.length;
      const f0 = refs.length;
      const a0 = acts.length;
      // A confidential source's own citations are sealed with its identity: their rows keep no locator.
      const cited = kind === "source" ? storedSourceCitations(r as Source) : r.citations;
      cited.forEach((cit, seq) => citations.push([caseId, kind, r.id, seq, cit.source, cit.locator]));
      const seen = new Set<string>();
      for (const a of actorReferences(kind as RecordKind, r as RecordOf<RecordKind>)) {
        const key = `${a.actor}\u0000${a.field}`;
        if (seen.has(key)) continue;
        seen.add(key);
        refs.push([caseId, kind, r.id, "actor", a.actor, a.field]);
      }
      if (kind === "incident") {
        const i = r as Incident;
        if (i.targetGroup !== undefined)
          refs.push([caseId, kind, r.id, "group", i.targetGroup, "targetGroup"]);
        for (const g of new Set(i.targetGroups ?? []))
          refs.push([caseId, kind, r.id, "group", g, "targetGroups"]);
        for (const a of new Set(i.acts)) acts.push([caseId, r.id, a]);
      }
      if (!hashed || !readsBackAsWritten(spec.table, cols, values)) continue;
      const derived = (
        table: string,
        names: readonly string[],
        list: unknown[][],
        from: number,
      ): Record<string, unknown>[] | undefined => {
        const out: Record<string, unknown>[] = [];
        for (let j = from; j < list.length; j++) {
          const v = list[j] as unknown[];
          if (!readsBackAsWritten(table, names, v)) return undefined;
          out.push(asRow(names, v));
        }
        return out;
      };
      const dc = derived("citations", CITATION_COLS, citations, c0);
      const dr = derived("record_refs", REF_COLS, refs, f0);
      const da = derived("incident_acts", ACT_COLS, acts, a0);
      if (!dc || !dr || !da) continue;
      hashes.set(
        keyText({ case_id: caseId, id: r.id }),
        contentHash(spec.table, asRow(cols, values), {
          citations: dc,
          record_refs: dr,
          incident_acts: da,
          source_identities: [],
        }),
      );
    }
    flush(true);
    if (kind === "source") {
      const identities = codec.encode(records.flatMap((r) => sourceToIdentityRows(caseId, r as Source)));
      insertMany(
        "source_identities",
        IDENTITY_COLS,
        identities.map((i) => [i.case_id, i.source_id, i.field, i.value]),
      );
    }
  };

  const removeRecord = (caseId: string, kind: ImportKind, id: string): void => {
    const table = tableOf(kind).table;
    prep("delete from citations where case_id = ? and record_kind = ? and record_id = ?").run(
      caseId,
      kind,
      id,
    );
    prep("delete from record_refs where case_id = ? and record_kind = ? and record_id = ?").run(
      caseId,
      kind,
      id,
    );
    if (kind === "incident")
      prep("delete from incident_acts where case_id = ? and incident_id = ?").run(caseId, id);
    if (kind === "source")
      prep("delete from source_identities where case_id = ? and source_id = ?").run(caseId, id);
    prep(`delete from ${table} where case_id = ? and id = ?`).run(caseId, id);
  };

  /** Keep the stored body with its provider version and row hash before it is replaced or deleted. */
  const keepVersion = (
    caseId: string,
    kind: ImportKind,
    id: string,
    batchId: string,
    change: string,
  ): void => {
    const table = tableOf(kind).table;
    const old = prep(`select body from ${table} where case_id = ? and id = ?`).get(caseId, id) as
      { body: string } | undefined;
    if (!old) return;
    const key = prep(
      "select version, row_hash from import_rows where case_id = ? and record_kind = ? and record_id = ?",
    ).get(caseId, kind, id) as { version: string; row_hash: string } | undefined;
    prep(
      "insert into record_versions (case_id, record_kind, record_id, version, row_hash, body, replaced_by, change) values (?,?,?,?,?,?,?,?) on conflict do nothing",
    ).run(caseId, kind, id, key?.version ?? "", key?.row_hash ?? "", old.body, batchId, change);
  };

  const upsertSource = (caseId: string, source: Source): "create" | "update" => {
    const spec = tableOf("source");
    const exists = prep("select 1 from sources where case_id = ? and id = ?").get(caseId, source.id);
    if (!exists) {
      insertRecords(caseId, "source", [source], new Map());
      return "create";
    }
    const {
      case_id: _c,
      id: _id,
      ...columns
    } = spec.toRow(caseId, source) as unknown as Record<string, unknown>;
    const keys = Object.keys(columns);
    prep(`update sources set ${keys.map((k) => `${k} = ?`).join(", ")} where case_id = ? and id = ?`).run(
      ...Object.values(columns),
      caseId,
      source.id,
    );
    return "update";
  };

  /** The batch's writes; runs inside the transaction {@link commitBatch} opens. @returns the actors inserted. */
  const writeBatch = (
    c: BatchCommit,
    hashes: Map<string, Map<string, string>>,
  ): { freshActors: string[]; sourceWrite?: "create" | "update" } => {
    const caseId = c.caseId;
    const hashesOf = (kind: ImportKind): Map<string, string> => {
      const table = tableOf(kind).table;
      let m = hashes.get(table);
      if (!m) hashes.set(table, (m = new Map()));
      return m;
    };
    const sourceWrite = c.source ? upsertSource(caseId, c.source) : undefined;
    const last = new Map<string, ImportWrite>();
    for (const w of c.writes) last.set(`${w.kind}\u0000${w.record.id}`, w);
    for (const d of c.deletes) {
      keepVersion(caseId, d.kind, d.id, c.batchId, "deleted");
      removeRecord(caseId, d.kind, d.id);
      prep(
        "update import_rows set version = ?, row_hash = ?, batch_id = ? where case_id = ? and record_kind = ? and record_id = ?",
      ).run(d.version, DELETED_ROW_HASH, c.batchId, caseId, d.kind, d.id);
    }
    const byKind = new Map<ImportKind, ImportRecord[]>();
    for (const w of last.values()) {
      if (w.change === "update") {
        keepVersion(caseId, w.kind, w.record.id, c.batchId, "updated");
        removeRecord(caseId, w.kind, w.record.id);
      }
      const list = byKind.get(w.kind) ?? [];
      list.push(w.record);
      byKind.set(w.kind, list);
    }
    // Sources first: the other records' citations refer to them.
    for (const kind of KIND_ORDER) insertRecords(caseId, kind, byKind.get(kind) ?? [], hashesOf(kind));
    const keys: unknown[][] = [];
    for (const w of last.values())
      keys.push([caseId, w.kind, w.record.id, w.provider, w.providerId, w.version, w.rowHash, c.batchId]);
    keys.sort((a, b) => compareKey(a, b));
    insertMany(
      "import_rows",
      ["case_id", "record_kind", "record_id", "provider", "provider_id", "version", "row_hash", "batch_id"],
      keys,
      " on conflict (case_id, record_kind, record_id) do update set provider = excluded.provider, provider_id = excluded.provider_id, " +
        "version = excluded.version, row_hash = excluded.row_hash, batch_id = excluded.batch_id",
    );
    const fresh: Actor[] = [];
    const seenActor = new Set<string>();
    const actorExists = prep("select 1 from actors where case_id = ? and id = ?");
    for (const a of c.actors) {
      if (seenActor.has(a.id)) continue;
      seenActor.add(a.id);
      if (!actorExists.get(caseId, a.id)) fresh.push(a);
    }
    insertRecords(caseId, "actor", fresh, hashesOf("actor"));
    const counts = c.counts;
    prep(
      "update import_batches set last_line = ?, read = ?, imported = ?, updated = ?, unchanged = ?, deleted = ?, skipped = ?, rejected = ? where id = ?",
    ).run(
      c.lastLine,
      counts.read,
      counts.imported,
      counts.updated,
      counts.unchanged,
      counts.deleted,
      counts.skipped,
      counts.rejected,
      c.batchId,
    );
    return { freshActors: fresh.map((a) => a.id), ...(sourceWrite ? { sourceWrite } : {}) };
  };

  const LEAF_COLS = [
    "leaf_index",
    "leaf_data",
    "leaf_hash",
    "action",
    "table_name",
    "record_key",
    "logged_at",
  ] as const;

  /**
   * One transaction: the writes, then their log leaves, committed together (or rolled back together). The
   * leaves are the ones `appendToLog` would append (same entries, same `leafRows`), but the content hash of
   * each record row is computed from the values just inserted instead of read back: `log verify` recomputes
   * it from the stored rows with the same `contentHash`, and {@link readsBackAsWritten} sends every row that
   * might read back differently to the read-back path.
   */
  const commitBatch = async (c: BatchCommit): Promise<void> => {
    db.exec("begin immediate");
    try {
      // The run's lease first: a run that lost it writes nothing (and renews it otherwise).
      if (c.lease) await checkLeaseFence(kdb, c.lease);
      const sourceKey = c.source ? { case_id: c.caseId, id: c.source.id } : undefined;
      // The case's period first, while the case holds only what earlier batches wrote.
      const caseChanged = c.casePeriod ? await widenCasePeriod(kdb, c.caseId, c.casePeriod) : false;
      const before = sourceKey ? await rowContentHash(kdb, "sources", sourceKey) : undefined;
      const hashes = new Map<string, Map<string, string>>();
      const { freshActors, sourceWrite } = writeBatch(c, hashes);
      // A source written as confidential keeps no earlier version that names it.
      await sealSourceVersions(kdb, c.caseId, confidentialSourceIds(c.writes));
      let sourceChange = sourceWrite;
      // Logged only when the row really changed: a re-import of the same file adds no leaf.
      if (
        sourceKey &&
        sourceWrite === "update" &&
        (await rowContentHash(kdb, "sources", sourceKey)) === before
      )
        sourceChange = undefined;
      const entries = batchLogEntries(c, freshActors, sourceChange, caseChanged);
      if (entries.length > 0) {
        // Rows without a computed hash (the source, rows that might not read back as written): read back.
        for (const [table, keys] of writtenKeys(entries)) {
          const known = hashes.get(table);
          const missing = known ? keys.filter((k) => !known.has(keyText(k))) : keys;
          if (missing.length === 0) continue;
          const read = await rowContentHashes(kdb, table, missing);
          if (known) for (const [k, h] of read) known.set(k, h);
          else hashes.set(table, read);
        }
        const last = prep("select max(leaf_index) as m from log_leaves").get() as { m: number | null };
        const leaves = leafRows(entries, hashes, last.m === null ? 0 : last.m + 1, new Date().toISOString());
        insertMany(
          "log_leaves",
          LEAF_COLS,
          leaves.map((l) => LEAF_COLS.map((k) => l[k])),
        );
      }
      db.exec("commit");
    } catch (e) {
      if (db.inTransaction) db.exec("rollback");
      throw e;
    }
  };

  const existingRecords = async (
    caseId: string,
    kind: ImportKind,
    ids: readonly string[],
  ): Promise<Set<string>> => {
    const out = new Set<string>();
    try {
      const get = prep(`select 1 from ${tableOf(kind).table} where case_id = ? and id = ?`);
      for (const id of new Set(ids)) if (get.get(caseId, id)) out.add(id);
      return out;
    } catch (e) {
      throw toStoreError(store, e, `look up ${kind}s`);
    }
  };

  return {
    lookup: async (caseId, kind, ids) => {
      const out = new Map<string, { version: string; rowHash: string }>();
      try {
        // One statement per LOOKUP_CHUNK ids; a short last chunk repeats its first id (IN ignores repeats).
        const get = prep(
          "select record_id, version, row_hash from import_rows where case_id = ? and record_kind = ? and record_id in (" +
            Array.from({ length: LOOKUP_CHUNK }, () => "?").join(",") +
            ")",
        );
        for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
          const chunk = ids.slice(i, i + LOOKUP_CHUNK);
          while (chunk.length < LOOKUP_CHUNK) chunk.push(chunk[0] as string);
          for (const r of get.all(caseId, kind, ...chunk) as {
            record_id: string;
            version: string;
            row_hash: string;
          }[])
            out.set(r.record_id, { version: r.version, rowHash: r.row_hash });
        }
        return out;
      } catch (e) {
        throw toStoreError(store, e, "look up imported rows");
      }
    },
    existingSources: (caseId, ids) => existingRecords(caseId, "source", ids),
    existingRecords,
    commit: async (batch) => {
      try {
        await commitBatch(batch);
      } catch (e) {
        throw toStoreError(store, e, `commit import batch up to line ${batch.lastLine}`);
      }
    },
    protectedRowHash: (rowHash) => tagWith(codec, rowHash),
    close: async () => {
      // Destroying the Kysely instance closes the shared connection once it was used; close it otherwise.
      await kdb.destroy();
      if (db.open) db.close();
    },
  };
}
