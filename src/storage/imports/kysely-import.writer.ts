/**
 * The Kysely import writer (every dialect; PostgreSQL uses it): one transaction per batch that writes records
 * with their citations, actor references and acts, keeps the previous version of anything updated or
 * deleted, and advances the batch's committed line — so a crash loses at most the batch in flight, and a
 * re-run resumes after the last commit.
 * @module
 */
import type { Transaction } from "kysely";
import {
  actorReferences,
  type Actor,
  type Incident,
  type RecordKind,
  type RecordOf,
  type Source,
} from "../../domain/index.js";
import type { Database, RecordTableName } from "../database.js";
import type { CitationRow } from "../records/citation.table.js";
import type { RecordColumns } from "../records/record-columns.js";
import { genericDb, recordTable } from "../records/record-db.js";
import type { RecordRefRow } from "../records/record-ref.table.js";
import { tableOf } from "../records/record-tables.js";
import type { IdentityCodec } from "../identity-codec.js";
import { sourceToIdentityRows, storedSourceCitations } from "../records/source.mapper.js";
import type { SourceIdentityRow } from "../records/source.table.js";
import type { Store } from "../store.js";
import { identityCodecOf, toStoreError } from "../store-registry.js";
import {
  chunks,
  DELETED_ROW_HASH,
  type BatchCommit,
  type ImportKind,
  type ImportRecord,
  type ImportWrite,
} from "./import.repository.js";
import type { RecordVersionTable } from "./import.table.js";
import { batchLogEntries } from "./import-log.js";
import { widenCasePeriod } from "./case-period.js";
import { checkLeaseFence } from "./import-lease.repository.js";
import { confidentialSourceIds, sealSourceVersions } from "./source-versions.js";
import { appendToLog } from "../log/log-append.js";
import { rowContentHash } from "../log/logged-content.js";

const tableFor = (kind: ImportKind): RecordTableName => tableOf(kind).table;

/** Write one batch atomically. */
export async function commitBatch(store: Store, c: BatchCommit): Promise<void> {
  try {
    const codec = identityCodecOf(store);
    await store.db.transaction().execute((trx) => commitInTransaction(trx, c, codec));
  } catch (e) {
    throw toStoreError(store, e, `commit import batch up to line ${c.lastLine}`);
  }
}

async function commitInTransaction(
  trx: Transaction<Database>,
  c: BatchCommit,
  codec: IdentityCodec,
): Promise<void> {
  // The run's lease first: a run that lost it writes nothing (and renews it otherwise).
  if (c.lease) await checkLeaseFence(trx, c.lease);
  const g = genericDb(trx);
  const caseId = c.caseId;
  const byKind = new Map<ImportKind, { writes: ImportWrite[]; deletes: string[] }>();
  const slot = (k: ImportKind) => {
    let s = byKind.get(k);
    if (!s) byKind.set(k, (s = { writes: [], deletes: [] }));
    return s;
  };
  // A record written twice in one batch (a duplicate key in the file): the later row wins.
  const last = new Map<string, ImportWrite>();
  for (const w of c.writes) last.set(`${w.kind}\u0000${w.record.id}`, w);
  for (const w of last.values()) slot(w.kind).writes.push(w);
  for (const d of c.deletes) slot(d.kind).deletes.push(d.id);

  // The case's period first, while the case holds only what earlier batches wrote.
  const caseChanged = c.casePeriod ? await widenCasePeriod(trx, caseId, c.casePeriod) : false;
  const sourceChange = c.source ? await upsertSource(trx, caseId, c.source, codec) : undefined;
  // Sources first: the other records' citations refer to them.
  for (const kind of ["source", "actor", "incident"] as const) {
    const s = byKind.get(kind);
    if (!s) continue;
    const table = recordTable(tableFor(kind));
    const replaced = [...s.writes.filter((w) => w.change === "update").map((w) => w.record.id), ...s.deletes];
    const deleted = new Set(s.deletes);
    // Keep what is replaced: the stored body with its provider version and row hash.
    for (const ids of chunks(replaced)) {
      const bodies = await g
        .selectFrom(table)
        .select(["id", "body"])
        .where("case_id", "=", caseId)
        .where("id", "in", ids)
        .execute();
      const keys = await trx
        .selectFrom("import_rows")
        .select(["record_id", "version", "row_hash"])
        .where("case_id", "=", caseId)
        .where("record_kind", "=", kind)
        .where("record_id", "in", ids)
        .execute();
      const keyOf = new Map(keys.map((k) => [k.record_id, k]));
      const old = bodies.map((b) => ({
        id: b.id,
        body: b.body,
        version: keyOf.get(b.id)?.version ?? "",
        row_hash: keyOf.get(b.id)?.row_hash ?? "",
      }));
      const versions: RecordVersionTable[] = old.map((o) => ({
        case_id: caseId,
        record_kind: kind,
        record_id: o.id,
        version: o.version,
        row_hash: o.row_hash,
        body: o.body,
        replaced_by: c.batchId,
        change: deleted.has(o.id) ? "deleted" : "updated",
      }));
      if (versions.length > 0) {
        await trx
          .insertInto("record_versions")
          .values(versions)
          .onConflict((oc) =>
            oc.columns(["case_id", "record_kind", "record_id", "version", "row_hash"]).doNothing(),
          )
          .execute();
      }
      await trx
        .deleteFrom("citations")
        .where("case_id", "=", caseId)
        .where("record_kind", "=", kind)
        .where("record_id", "in", ids)
        .execute();
      await trx
        .deleteFrom("record_refs")
        .where("case_id", "=", caseId)
        .where("record_kind", "=", kind)
        .where("record_id", "in", ids)
        .execute();
      if (kind === "incident")
        await trx
          .deleteFrom("incident_acts")
          .where("case_id", "=", caseId)
          .where("incident_id", "in", ids)
          .execute();
      if (kind === "source")
        await trx
          .deleteFrom("source_identities")
          .where("case_id", "=", caseId)
          .where("source_id", "in", ids)
          .execute();
      await g.deleteFrom(table).where("case_id", "=", caseId).where("id", "in", ids).execute();
    }
    for (const d of c.deletes) {
      if (d.kind !== kind) continue;
      await trx
        .updateTable("import_rows")
        .set({ version: d.version, row_hash: DELETED_ROW_HASH, batch_id: c.batchId })
        .where("case_id", "=", caseId)
        .where("record_kind", "=", kind)
        .where("record_id", "=", d.id)
        .execute();
    }
    const records = s.writes.map((w) => w.record);
    await insertRecords(trx, caseId, kind, records, codec);
    for (const part of chunks(s.writes)) {
      await trx
        .insertInto("import_rows")
        .values(
          part.map((w) => ({
            case_id: caseId,
            record_kind: kind,
            record_id: w.record.id,
            provider: w.provider,
            provider_id: w.providerId,
            version: w.version,
            row_hash: w.rowHash,
            batch_id: c.batchId,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["case_id", "record_kind", "record_id"]).doUpdateSet((eb) => ({
            provider: eb.ref("excluded.provider"),
            provider_id: eb.ref("excluded.provider_id"),
            version: eb.ref("excluded.version"),
            row_hash: eb.ref("excluded.row_hash"),
            batch_id: eb.ref("excluded.batch_id"),
          })),
        )
        .execute();
    }
  }

  // A source written as confidential keeps no earlier version that names it.
  await sealSourceVersions(trx, caseId, confidentialSourceIds([...last.values()]));
  const freshActors = c.actors.length > 0 ? await insertNewActors(trx, caseId, c.actors, codec) : [];
  // Same transaction as the rows: a batch and its log leaves commit or roll back together.
  await appendToLog(trx, batchLogEntries(c, freshActors, sourceChange, caseChanged));

  await trx
    .updateTable("import_batches")
    .set({ last_line: c.lastLine, ...c.counts })
    .where("id", "=", c.batchId)
    .execute();
}

/**
 * Insert records and their derived rows (citations, actor references, incident acts, and a source's identity
 * rows, encrypted through `codec`: a confidential source's sealed fields and protected identity).
 */
async function insertRecords(
  trx: Transaction<Database>,
  caseId: string,
  kind: ImportKind,
  records: readonly ImportRecord[],
  codec: IdentityCodec,
): Promise<void> {
  if (records.length === 0) return;
  const spec = tableOf(kind);
  const table = recordTable(spec.table);
  const rows: RecordColumns[] = records.map((r) =>
    (spec.toRow as (c: string, r: ImportRecord) => RecordColumns)(caseId, r),
  );
  for (const part of chunks(rows)) await genericDb(trx).insertInto(table).values(part).execute();
  await insertDerived(trx, caseId, kind, records, codec);
}

async function insertDerived(
  trx: Transaction<Database>,
  caseId: string,
  kind: ImportKind,
  records: readonly ImportRecord[],
  codec: IdentityCodec,
): Promise<void> {
  const citations: CitationRow[] = [];
  const refs: RecordRefRow[] = [];
  const acts: { case_id: string; incident_id: string; act: string }[] = [];
  const identities: SourceIdentityRow[] = [];
  for (const r of records) {
    // A confidential source's own citations are sealed with its identity: their rows keep no locator.
    const cited = kind === "source" ? storedSourceCitations(r as Source) : r.citations;
    if (kind === "source") identities.push(...sourceToIdentityRows(caseId, r as Source));
    cited.forEach((cit, seq) =>
      citations.push({
        case_id: caseId,
        record_kind: kind,
        record_id: r.id,
        seq,
        source_id: cit.source,
        locator: cit.locator,
      }),
    );
    const seen = new Set<string>();
    for (const a of actorReferences(kind as RecordKind, r as RecordOf<RecordKind>)) {
      const key = `${a.actor}\u0000${a.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push({
        case_id: caseId,
        record_kind: kind,
        record_id: r.id,
        ref_kind: "actor",
        ref_id: a.actor,
        field: a.field,
      });
    }
    if (kind === "incident") {
      const i = r as Incident;
      if (i.targetGroup !== undefined)
        refs.push({
          case_id: caseId,
          record_kind: kind,
          record_id: r.id,
          ref_kind: "group",
          ref_id: i.targetGroup,
          field: "targetGroup",
        });
      for (const g of new Set(i.targetGroups ?? []))
        refs.push({
          case_id: caseId,
          record_kind: kind,
          record_id: r.id,
          ref_kind: "group",
          ref_id: g,
          field: "targetGroups",
        });
      for (const act of new Set(i.acts)) acts.push({ case_id: caseId, incident_id: r.id, act });
    }
  }
  for (const b of chunks(citations, 1000)) await trx.insertInto("citations").values(b).execute();
  for (const b of chunks(refs, 1000)) await trx.insertInto("record_refs").values(b).execute();
  for (const b of chunks(acts, 2000)) await trx.insertInto("incident_acts").values(b).execute();
  for (const b of chunks(codec.encode(identities)))
    await trx.insertInto("source_identities").values(b).execute();
}

/** Insert the actors not stored yet (by id); a stored actor is left as it is. @returns the ids inserted. */
async function insertNewActors(
  trx: Transaction<Database>,
  caseId: string,
  actors: readonly Actor[],
  codec: IdentityCodec,
): Promise<string[]> {
  const unique = new Map<string, Actor>();
  for (const a of actors) if (!unique.has(a.id)) unique.set(a.id, a);
  const fresh: Actor[] = [];
  for (const ids of chunks([...unique.keys()], 500)) {
    const stored = new Set(
      (
        await trx
          .selectFrom("actors")
          .select("id")
          .where("case_id", "=", caseId)
          .where("id", "in", ids)
          .execute()
      ).map((r) => r.id),
    );
    for (const id of ids) if (!stored.has(id)) fresh.push(unique.get(id) as Actor);
  }
  await insertRecords(trx, caseId, "actor", fresh, codec);
  return fresh.map((a) => a.id);
}

/**
 * Insert the file's Source record, or update it in place: incidents cite it through a foreign key, so it is
 * never deleted and re-inserted. Its own citation (the file) does not change.
 * @returns how the row changed (for the log), or undefined when it did not.
 */
async function upsertSource(
  trx: Transaction<Database>,
  caseId: string,
  source: Source,
  codec: IdentityCodec,
): Promise<"create" | "update" | undefined> {
  const spec = tableOf("source");
  const exists = await trx
    .selectFrom("sources")
    .select("id")
    .where("case_id", "=", caseId)
    .where("id", "=", source.id)
    .executeTakeFirst();
  if (!exists) {
    // Write the source before the records citing it (the batch's records are inserted after this call).
    await insertRecords(trx, caseId, "source", [source], codec);
    return "create";
  }
  // Logged only when the row really changed: a re-import of the same file adds no leaf.
  const key = { case_id: caseId, id: source.id };
  const before = await rowContentHash(trx, spec.table, key);
  const { case_id: _c, id: _id, ...columns } = spec.toRow(caseId, source);
  await genericDb(trx)
    .updateTable(recordTable(spec.table))
    .set(columns)
    .where("case_id", "=", caseId)
    .where("id", "=", source.id)
    .execute();
  return (await rowContentHash(trx, spec.table, key)) === before ? undefined : "update";
}
