/**
 * The store side of an import: its types, the collection's case, resumable batches (`import_batches`), the
 * provider-key lookup that makes re-imports idempotent (`import_rows`) and the kept versions
 * (`record_versions`). Batches are written by a writer (kysely-import.writer.ts, dialects/sqlite-import.writer.ts).
 * @module
 */
import { appendToLog } from "../log/log-append.js";
import type { Actor, CaseManifest, Incident, Source } from "../../domain/index.js";
import { canonicalJson, sha256Hex } from "../records/canonical-json.js";
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import type { ImportBatchRow, RecordVersionTable } from "./import.table.js";

/** The kinds an import writes. */
export type ImportKind = "incident" | "actor" | "source";
export type ImportRecord = Incident | Actor | Source;

/** The counters an import batch keeps (cumulative over resumed runs). */
export interface ImportCounts {
  read: number;
  imported: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  rejected: number;
}

/** What the store knows about an imported record: its provider version and raw-row hash. */
export interface StoredImportRow {
  readonly version: string;
  readonly rowHash: string;
}

/** A record to insert or update, with its provider bookkeeping. */
export interface ImportWrite {
  readonly kind: ImportKind;
  readonly record: ImportRecord;
  readonly provider: string;
  readonly providerId: string;
  readonly version: string;
  readonly rowHash: string;
  readonly change: "insert" | "update";
}

/** A record the provider deleted; its import row stays as a tombstone so an older file cannot bring it back. */
export interface ImportDelete {
  readonly kind: ImportKind;
  readonly id: string;
  /** The deletion's provider version (ACLED `deleted_timestamp`). */
  readonly version: string;
}

/** The row hash of a tombstone: a record the provider deleted. */
export const DELETED_ROW_HASH = "(deleted)";

/** The file an import lease covers: one case, one format, one file (by its SHA-256). */
export interface ImportLeaseKey {
  readonly caseId: string;
  readonly format: string;
  readonly sha256: string;
}

/**
 * What a batch's transaction checks first: the lease of `key` is still `owner`'s (else nothing is written,
 * STORE_LEASE_LOST), and renews it until `expiresAt`.
 */
export interface LeaseFence {
  readonly key: ImportLeaseKey;
  readonly owner: string;
  readonly expiresAt: string;
}

/** Everything one batch writes, in one transaction. */
export interface BatchCommit {
  readonly batchId: string;
  readonly caseId: string;
  readonly lastLine: number;
  readonly counts: ImportCounts;
  readonly writes: readonly ImportWrite[];
  readonly deletes: readonly ImportDelete[];
  /** Actors referred to; only those not yet stored are inserted (first seen wins). */
  readonly actors: readonly Actor[];
  /** The file's Source record, upserted. */
  readonly source?: Source;
  /**
   * The days the batch's written records cover (earliest `occurredAt.from`, latest `knownAt`): the case's
   * period is widened to include them (see case-period.ts). Only for the import's own case; absent for a
   * named `--case`, whose period is never changed.
   */
  readonly casePeriod?: { readonly from: string; readonly to: string };
  /** The run's import lease, checked and renewed in the batch's transaction. */
  readonly lease?: LeaseFence;
}

/** Rows per multi-row statement: 16 columns × 400 stays under SQLite's 32,766 bound parameters. */
const CHUNK = 400;

/** Split `items` into arrays of at most `size`. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Make sure the collection's case exists. With `create`, a missing case is created with a minimal manifest
 * (`import-acled` and the like); without it, a missing case is an error for the caller to report.
 * @returns whether the case exists now.
 */
export async function ensureImportCase(
  store: Store,
  caseId: string,
  title: string,
  create: boolean,
  now: string,
): Promise<boolean> {
  try {
    const found = await store.db.selectFrom("cases").select("id").where("id", "=", caseId).executeTakeFirst();
    if (found) return true;
    if (!create) return false;
    const manifest: CaseManifest = {
      id: caseId,
      title,
      region: "",
      countries: [],
      period: { from: now.slice(0, 10), to: now.slice(0, 10) },
      description: "Records imported from event datasets (see docs/importers.md).",
      sides: [],
      escalationChain: [],
    };
    const json = canonicalJson(manifest);
    // The case row and its log leaf commit together (tamper-evident log: every write is logged).
    await store.db.transaction().execute(async (trx) => {
      const made = await trx
        .insertInto("cases")
        .values({ id: caseId, title, manifest: json, content_hash: sha256Hex(json), loaded_at: now })
        .onConflict((oc) => oc.column("id").doNothing())
        .executeTakeFirst();
      if (Number(made.numInsertedOrUpdatedRows ?? 0) > 0)
        await appendToLog(trx, [{ action: "create", table: "cases", key: { id: caseId }, actor: "import" }]);
    });
    return true;
  } catch (e) {
    throw toStoreError(store, e, `create case ${caseId}`);
  }
}

/** The unfinished batch of the same file, format and case, if a previous run was interrupted. */
export async function findResumableBatch(
  store: Store,
  caseId: string,
  format: string,
  sha256: string,
): Promise<ImportBatchRow | undefined> {
  try {
    return await store.db
      .selectFrom("import_batches")
      .selectAll()
      .where("case_id", "=", caseId)
      .where("format", "=", format)
      .where("file_sha256", "=", sha256)
      .where("status", "in", ["running", "interrupted"])
      .orderBy("started_at", "desc")
      .executeTakeFirst();
  } catch (e) {
    throw toStoreError(store, e, "look up import batches");
  }
}

/** Record the start of a batch. */
export async function startBatch(
  store: Store,
  b: {
    id: string;
    caseId: string;
    format: string;
    fileName: string;
    sha256: string;
    sourceId: string;
    startedAt: string;
  },
): Promise<void> {
  try {
    await store.db
      .insertInto("import_batches")
      .values({
        id: b.id,
        case_id: b.caseId,
        format: b.format,
        file_name: b.fileName,
        file_sha256: b.sha256,
        source_id: b.sourceId,
        status: "running",
        last_line: 0,
        read: 0,
        imported: 0,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        skipped: 0,
        rejected: 0,
        started_at: b.startedAt,
        finished_at: null,
      })
      .execute();
  } catch (e) {
    throw toStoreError(store, e, "start import batch");
  }
}

/**
 * The stored version and row hash of each of `ids` that was imported before.
 * @example (await lookupImportRows(store, "import-acled", "incident", ["acled.arg10607"])).get("acled.arg10607")
 */
export async function lookupImportRows(
  store: Store,
  caseId: string,
  kind: ImportKind,
  ids: readonly string[],
): Promise<Map<string, StoredImportRow>> {
  const out = new Map<string, StoredImportRow>();
  try {
    for (const part of chunks([...new Set(ids)], 500)) {
      const rows = await store.db
        .selectFrom("import_rows")
        .select(["record_id", "version", "row_hash"])
        .where("case_id", "=", caseId)
        .where("record_kind", "=", kind)
        .where("record_id", "in", part)
        .execute();
      for (const r of rows) out.set(r.record_id, { version: r.version, rowHash: r.row_hash });
    }
    return out;
  } catch (e) {
    throw toStoreError(store, e, "look up imported rows");
  }
}

/** Which of `ids` are sources stored in the case. */
export async function existingSources(
  store: Store,
  caseId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  return existingRecords(store, caseId, "source", ids);
}

/** The table of each kind an import looks records up in. */
const RECORD_TABLES = { incident: "incidents", actor: "actors", source: "sources" } as const;

/**
 * Which of `ids` are records of `kind` stored in the case (a citation must name a stored source, an actor
 * reference a stored actor).
 * @example await existingRecords(store, "import-tocsin", "actor", ["actor.x"])
 */
export async function existingRecords(
  store: Store,
  caseId: string,
  kind: ImportKind,
  ids: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  try {
    for (const part of chunks([...new Set(ids)], 500)) {
      const rows = await store.db
        .selectFrom(RECORD_TABLES[kind])
        .select("id")
        .where("case_id", "=", caseId)
        .where("id", "in", part)
        .execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  } catch (e) {
    throw toStoreError(store, e, `look up ${kind}s`);
  }
}

/**
 * The dates of a stored source (an imported file's Source, to widen rather than overwrite on a resumed run or a
 * re-import), or undefined when it is not stored.
 */
export async function storedSourceDates(
  store: Store,
  caseId: string,
  id: string,
): Promise<{ occurredFrom: string; occurredTo: string; knownAt: string } | undefined> {
  try {
    const row = await store.db
      .selectFrom("sources")
      .select(["occurred_from", "occurred_to", "known_at"])
      .where("case_id", "=", caseId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row
      ? { occurredFrom: row.occurred_from, occurredTo: row.occurred_to, knownAt: row.known_at }
      : undefined;
  } catch (e) {
    throw toStoreError(store, e, `read source ${id}`);
  }
}

/** The earlier versions kept for a record, newest replacement last. */
export async function recordVersions(
  store: Store,
  caseId: string,
  kind: ImportKind,
  id: string,
): Promise<RecordVersionTable[]> {
  try {
    return await store.db
      .selectFrom("record_versions")
      .selectAll()
      .where("case_id", "=", caseId)
      .where("record_kind", "=", kind)
      .where("record_id", "=", id)
      .orderBy("replaced_by")
      .execute();
  } catch (e) {
    throw toStoreError(store, e, `read versions of ${id}`);
  }
}
