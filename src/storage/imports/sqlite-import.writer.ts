/**
 * The SQLite import writer: a second connection to the store's file with prepared statements reused for
 * every row, one transaction per batch. Kysely compiles and prepares a statement per call, which cost more
 * than the inserts themselves on million-row files; here each statement is prepared once per import.
 * Same tables, same rows and same semantics as kysely-import.writer.ts.
 * @module
 */
import BetterSqlite3 from "better-sqlite3";
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
import type { ImportWriter } from "./import-writer.js";
import {
  DELETED_ROW_HASH,
  type BatchCommit,
  type ImportKind,
  type ImportRecord,
  type ImportWrite,
} from "./import.repository.js";

type Stmt = BetterSqlite3.Statement;

const KIND_ORDER: readonly ImportKind[] = ["source", "actor", "incident"];

/** Open the writer on the store's file. */
export async function openSqliteImportWriter(store: Store): Promise<ImportWriter> {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(store.location, { fileMustExist: true, timeout: 5000 });
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = FULL");
    // A 32 MiB page cache: with six indexed tables written per row, the 2 MiB default thrashes.
    db.pragma("cache_size = -32768");
  } catch (e) {
    throw toStoreError(store, e, "open the import writer");
  }
  const cache = new Map<string, Stmt>();
  const prep = (sqlText: string): Stmt => {
    let s = cache.get(sqlText);
    if (!s) cache.set(sqlText, (s = db.prepare(sqlText)));
    return s;
  };
  // A mapper always returns the same columns in the same order, so one statement per table serves every row.
  const byTable = new Map<string, Stmt>();
  /** Insert a row object into `table`. */
  const insertRow = (table: string, row: Record<string, unknown>): void => {
    let stmt = byTable.get(table);
    if (!stmt) {
      const keys = Object.keys(row);
      stmt = prep(`insert into ${table} (${keys.join(",")}) values (${keys.map(() => "?").join(",")})`);
      byTable.set(table, stmt);
    }
    stmt.run(...Object.values(row));
  };

  const citation = prep(
    "insert into citations (case_id, record_kind, record_id, seq, source_id, locator) values (?,?,?,?,?,?)",
  );
  const ref = prep(
    "insert into record_refs (case_id, record_kind, record_id, ref_kind, ref_id, field) values (?,?,?,?,?,?)",
  );
  const act = prep("insert into incident_acts (case_id, incident_id, act) values (?,?,?)");

  const insertRecords = (caseId: string, kind: ImportKind, records: readonly ImportRecord[]): void => {
    const spec = tableOf(kind);
    for (const r of records) {
      const row = (spec.toRow as (c: string, r: ImportRecord) => RecordColumns)(caseId, r);
      insertRow(spec.table, row as unknown as Record<string, unknown>);
      r.citations.forEach((cit, seq) => citation.run(caseId, kind, r.id, seq, cit.source, cit.locator));
      const seen = new Set<string>();
      for (const a of actorReferences(kind as RecordKind, r as RecordOf<RecordKind>)) {
        const key = `${a.actor}\u0000${a.field}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ref.run(caseId, kind, r.id, "actor", a.actor, a.field);
      }
      if (kind === "incident") {
        const i = r as Incident;
        if (i.targetGroup !== undefined) ref.run(caseId, kind, r.id, "group", i.targetGroup, "targetGroup");
        for (const a of new Set(i.acts)) act.run(caseId, r.id, a);
      }
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

  const upsertSource = (caseId: string, source: Source): void => {
    const spec = tableOf("source");
    const exists = prep("select 1 from sources where case_id = ? and id = ?").get(caseId, source.id);
    if (!exists) {
      insertRecords(caseId, "source", [source]);
      return;
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
  };

  const commitTx = db.transaction((c: BatchCommit) => {
    const caseId = c.caseId;
    if (c.source) upsertSource(caseId, c.source);
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
    const upsertKey = prep(
      "insert into import_rows (case_id, record_kind, record_id, provider, provider_id, version, row_hash, batch_id) values (?,?,?,?,?,?,?,?) " +
        "on conflict (case_id, record_kind, record_id) do update set provider = excluded.provider, provider_id = excluded.provider_id, " +
        "version = excluded.version, row_hash = excluded.row_hash, batch_id = excluded.batch_id",
    );
    for (const w of last.values())
      upsertKey.run(caseId, w.kind, w.record.id, w.provider, w.providerId, w.version, w.rowHash, c.batchId);
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
  });

  return {
    lookup: async (caseId, kind, ids) => {
      const out = new Map<string, { version: string; rowHash: string }>();
      try {
        const get = prep(
          "select version, row_hash from import_rows where case_id = ? and record_kind = ? and record_id = ?",
        );
        for (const id of ids) {
          const r = get.get(caseId, kind, id) as { version: string; row_hash: string } | undefined;
          if (r) out.set(id, { version: r.version, rowHash: r.row_hash });
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
        commitTx(batch);
      } catch (e) {
        throw toStoreError(store, e, `commit import batch up to line ${batch.lastLine}`);
      }
    },
    close: async () => {
      db.close();
    },
  };
}
