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
import { appendToLog } from "../trust/log-append.js";
import { rowContentHash } from "../trust/logged-content.js";
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
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import type { ImportWriter } from "../imports/import-writer.js";
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

  const insertRecords = (caseId: string, kind: ImportKind, unsorted: readonly ImportRecord[]): void => {
    if (unsorted.length === 0) return;
    const spec = tableOf(kind);
    // Primary-key order: each batch walks the key index once, left to right, instead of at random.
    const records = [...unsorted].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let cols: string[] | undefined;
    const rows: unknown[][] = [];
    const citations: unknown[][] = [];
    const refs: unknown[][] = [];
    const acts: unknown[][] = [];
    for (const r of records) {
      const row = (spec.toRow as (c: string, r: ImportRecord) => RecordColumns)(
        caseId,
        r,
      ) as unknown as Record<string, unknown>;
      // A mapper always returns the same columns in the same order.
      cols ??= Object.keys(row);
      rows.push(Object.values(row));
      r.citations.forEach((cit, seq) => citations.push([caseId, kind, r.id, seq, cit.source, cit.locator]));
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
        for (const a of new Set(i.acts)) acts.push([caseId, r.id, a]);
      }
    }
    insertMany(spec.table, cols as string[], rows);
    insertMany("citations", CITATION_COLS, citations);
    insertMany("record_refs", REF_COLS, refs);
    insertMany("incident_acts", ACT_COLS, acts);
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
      insertRecords(caseId, "source", [source]);
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
  const writeBatch = (c: BatchCommit): { freshActors: string[]; sourceWrite?: "create" | "update" } => {
    const caseId = c.caseId;
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
    for (const kind of KIND_ORDER) insertRecords(caseId, kind, byKind.get(kind) ?? []);
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
    insertRecords(caseId, "actor", fresh);
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

  /** One transaction: the writes, then their log leaves, committed together (or rolled back together). */
  const commitBatch = async (c: BatchCommit): Promise<void> => {
    db.exec("begin immediate");
    try {
      const sourceKey = c.source ? { case_id: c.caseId, id: c.source.id } : undefined;
      const before = sourceKey ? await rowContentHash(kdb, "sources", sourceKey) : undefined;
      const { freshActors, sourceWrite } = writeBatch(c);
      let sourceChange = sourceWrite;
      // Logged only when the row really changed: a re-import of the same file adds no leaf.
      if (
        sourceKey &&
        sourceWrite === "update" &&
        (await rowContentHash(kdb, "sources", sourceKey)) === before
      )
        sourceChange = undefined;
      await appendToLog(kdb, batchLogEntries(c, freshActors, sourceChange));
      db.exec("commit");
    } catch (e) {
      if (db.inTransaction) db.exec("rollback");
      throw e;
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
    existingSources: async (caseId, ids) => {
      const out = new Set<string>();
      try {
        const get = prep("select 1 from sources where case_id = ? and id = ?");
        for (const id of ids) if (get.get(caseId, id)) out.add(id);
        return out;
      } catch (e) {
        throw toStoreError(store, e, "look up sources");
      }
    },
    commit: async (batch) => {
      try {
        await commitBatch(batch);
      } catch (e) {
        throw toStoreError(store, e, `commit import batch up to line ${batch.lastLine}`);
      }
    },
    close: async () => {
      // Destroying the Kysely instance closes the shared connection once it was used; close it otherwise.
      await kdb.destroy();
      if (db.open) db.close();
    },
  };
}
