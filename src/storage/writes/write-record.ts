/**
 * One record written through the API — created, replaced or deleted — in one transaction: the version check
 * (If-Match), the earlier version kept in `record_versions` (a delete is soft: its last body stays there), the
 * row and its derived rows, the write journal, the backfill mark, a live case's period, the tamper-evident log
 * and the audit trail, and the idempotency key's first answer. Protected source fields go through the store's
 * identity codec (encrypted at rest), as a case load writes them.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { CaseBundle, RecordKind, RecordOf } from "../../domain/index.js";
import { readCaseIn } from "../case.repository.js";
import { storeVersionIn } from "../store-version.js";
import type { Database } from "../database.js";
import { insertDerived } from "../load-case.js";
import { genericDb, recordTable } from "../records/record-db.js";
import { tableOf } from "../records/record-tables.js";
import type { Store } from "../store.js";
import { identityCodecOf, toStoreError } from "../store-registry.js";
import { sealSourceVersions } from "../imports/source-versions.js";
import { appendToLog, type LogAction, type LogEntry } from "../log/log-append.js";
import { recordAudit } from "../accounts/account.repository.js";
import { currentRow } from "./record-version.js";
import { inCaseOrder } from "./case-write-queue.js";
import { WriteError } from "./write-error.js";
import { widenLiveCase } from "./live-case.js";
import { saveIdempotentAnswer, type IdempotencyClaim } from "./idempotency.repository.js";

export type RecordWriteOp = "create" | "update" | "delete";

/** What to write. `record` for create and update; `expectedVersion` (If-Match) for update and delete. */
export interface RecordWriteRequest<K extends RecordKind = RecordKind> {
  readonly caseId: string;
  readonly kind: K;
  readonly id: string;
  readonly op: RecordWriteOp;
  readonly record?: RecordOf<K>;
  readonly expectedVersion?: string;
  /** The user id writing (audit, log, journal). */
  readonly actor: string;
  /** ISO time of the write. */
  readonly at: string;
  /** A backdated `knownAt`'s stated reason: the record is marked as backfilled. */
  readonly backfillReason?: string;
  /** A create with an Idempotency-Key: its answer is kept in the same transaction. */
  readonly idempotency?: IdempotencyClaim;
  /** The log leaf's action for the record (default: the op; the desk logs an answer's Response as `response`). */
  readonly logAction?: LogAction;
  /**
   * Checks the write against the case as it stands once the case is locked in this transaction, and gives the
   * record to write and its backfill reason (replacing `record` and `backfillReason`). What it throws refuses
   * the write (nothing is written) and reaches the caller as it was thrown. With it, two writes to one case can
   * never both pass a check the other would fail (a source deleted while an incident comes to cite it).
   */
  readonly prepare?: (base: CaseBundle) => PreparedWrite<K>;
  /**
   * The case as a bundle the caller already holds, if it is the store exactly at `storeVersion` (a read cache's,
   * read with `readCase`'s default options); `prepare` then checks against it instead of reading the case
   * again. Asked with the store's version as this transaction sees it once the case is locked, so a bundle of
   * any other moment is never used.
   */
  readonly baseAt?: (storeVersion: string) => Promise<CaseBundle | undefined>;
}

/** What {@link RecordWriteRequest.prepare} gives: the checked record (none for a delete) and its backfill reason. */
export interface PreparedWrite<K extends RecordKind = RecordKind> {
  readonly record?: RecordOf<K>;
  readonly backfillReason?: string;
}

/** Carries what a `prepare` threw through the transaction, so it is not taken for a store error. */
class PrepareRefused {
  constructor(readonly reason: unknown) {}
}

/**
 * What a `prepare` threw, when `error` (caught around a transaction that called {@link writeRecordIn}) is such a
 * refusal; else undefined (a store error).
 * @example catch (e) { const refusal = prepareRefusal(e); if (refusal) throw refusal; throw toStoreError(store, e, "…"); }
 */
export function prepareRefusal(error: unknown): unknown {
  return error instanceof PrepareRefused ? error.reason : undefined;
}

/** The committed write: the record as stored (a confidential source as its placeholder) and its version. */
export interface RecordWriteResult<K extends RecordKind = RecordKind> {
  readonly record: RecordOf<K> | undefined;
  readonly version: string | undefined;
  readonly writeId: string;
}

/**
 * Write one record atomically.
 * @example await writeRecord(store, { caseId: "c1", kind: "incident", id: "inc-9", op: "create", record, actor: "u1", at })
 * @throws WriteError (nothing written) or StoreError.
 */
export async function writeRecord<K extends RecordKind>(
  store: Store,
  w: RecordWriteRequest<K>,
): Promise<RecordWriteResult<K>> {
  try {
    // One write per case at a time from this process (case-write-queue.ts): waiting writes hold no connection.
    return await inCaseOrder(store, w.caseId, () =>
      store.db.transaction().execute((trx) => writeRecordIn(store, trx, w)),
    );
  } catch (e) {
    const refusal = prepareRefusal(e);
    if (refusal !== undefined) throw refusal;
    if (e instanceof WriteError) throw e;
    throw toStoreError(store, e, `${w.op} ${w.kind} ${w.id}`);
  }
}

/**
 * Write one record inside a caller's transaction, so it commits with the caller's own rows (the desk's outbox,
 * an answer token's use): the same versions, journal, log leaf and audit as {@link writeRecord}.
 * @example await store.db.transaction().execute((trx) => writeRecordIn(store, trx, { …, op: "create", record }))
 * @throws WriteError (the caller's transaction rolls back).
 */
export async function writeRecordIn<K extends RecordKind>(
  store: Store,
  trx: Transaction<Database>,
  w: RecordWriteRequest<K>,
): Promise<RecordWriteResult<K>> {
  const spec = tableOf(w.kind);
  await lockCase(trx, w.caseId);
  const { record, backfillReason } = await prepared(store, trx, w);
  const cur = await currentRow(trx, w.caseId, w.kind, w.id);
  if (w.op === "create" && cur) throw new WriteError("EXISTS", `${w.kind} "${w.id}" exists in this case`);
  if (w.op !== "create") {
    if (!cur) throw new WriteError("NOT_FOUND", `no ${w.kind} with id "${w.id}" in this case`);
    if (cur.version !== w.expectedVersion) {
      const row = await genericDb(trx)
        .selectFrom(recordTable(spec.table))
        .selectAll()
        .where("case_id", "=", w.caseId)
        .where("id", "=", w.id)
        .executeTakeFirstOrThrow();
      throw new WriteError("STALE", `${w.kind} "${w.id}" has changed since version ${w.expectedVersion}`, {
        record: spec.fromRow(row),
        version: cur.version,
      });
    }
  }
  const writeId = `api-${randomUUID()}`;
  const codec = identityCodecOf(store);
  if (cur) {
    await trx
      .insertInto("record_versions")
      .values({
        case_id: w.caseId,
        record_kind: w.kind,
        record_id: w.id,
        version: cur.version,
        row_hash: cur.contentHash,
        body: cur.body,
        replaced_by: writeId,
        change: w.op === "delete" ? "deleted" : "updated",
        replaced_at: w.at,
      })
      .onConflict((oc) =>
        oc.columns(["case_id", "record_kind", "record_id", "version", "row_hash"]).doNothing(),
      )
      .execute();
    await deleteDerived(trx, w.caseId, w.kind, w.id);
    await genericDb(trx)
      .deleteFrom(recordTable(spec.table))
      .where("case_id", "=", w.caseId)
      .where("id", "=", w.id)
      .execute();
  }
  const entries: LogEntry[] = [];
  if (record !== undefined && w.op !== "delete") {
    await genericDb(trx).insertInto(recordTable(spec.table)).values(spec.toRow(w.caseId, record)).execute();
    await insertDerived(trx, w.caseId, w.kind, [record], codec);
    if (await widenLiveCase(trx, w.caseId, record))
      entries.push({ action: "update", table: "cases", key: { id: w.caseId }, actor: w.actor, at: w.at });
  }
  const confidential =
    (cur?.confidential ?? false) || (w.kind === "source" && (record as RecordOf<"source">)?.confidential);
  if (confidential) await sealSourceVersions(trx, w.caseId, [w.id]);
  await trx
    .deleteFrom("record_backfills")
    .where("case_id", "=", w.caseId)
    .where("record_kind", "=", w.kind)
    .where("record_id", "=", w.id)
    .execute();
  if (backfillReason !== undefined && w.op !== "delete")
    await trx
      .insertInto("record_backfills")
      .values({
        case_id: w.caseId,
        record_kind: w.kind,
        record_id: w.id,
        reason: backfillReason,
        entered_at: w.at,
        entered_by: w.actor,
      })
      .execute();
  entries.push({
    action: w.logAction ?? w.op,
    table: spec.table,
    key: { case_id: w.caseId, id: w.id },
    actor: w.actor,
    at: w.at,
  });
  await appendToLog(trx, entries);
  const after = w.op === "delete" ? undefined : await currentRow(trx, w.caseId, w.kind, w.id);
  await trx
    .insertInto("record_writes")
    .values({
      id: writeId,
      case_id: w.caseId,
      record_kind: w.kind,
      record_id: w.id,
      op: w.op,
      version: after?.version ?? null,
      actor: w.actor,
      at: w.at,
    })
    .execute();
  await recordAudit(trx, {
    at: w.at,
    actor: w.actor,
    action: `record.${w.op}`,
    target: `${w.caseId}/${w.kind}/${w.id}`,
    outcome: "ok",
  });
  const stored =
    after === undefined
      ? undefined
      : spec.fromRow(
          await genericDb(trx)
            .selectFrom(recordTable(spec.table))
            .selectAll()
            .where("case_id", "=", w.caseId)
            .where("id", "=", w.id)
            .executeTakeFirstOrThrow(),
        );
  const result = { record: stored, version: after?.version, writeId };
  if (w.idempotency)
    await saveIdempotentAnswer(
      trx,
      w.idempotency,
      201,
      { record: stored, version: after?.version },
      after?.version,
      w.at,
    );
  return result;
}

/** Remove the citations, references, acts and identity rows of one record. */
async function deleteDerived(
  trx: Transaction<Database>,
  caseId: string,
  kind: RecordKind,
  id: string,
): Promise<void> {
  const base = (t: "citations" | "record_refs") =>
    trx
      .deleteFrom(t)
      .where("case_id", "=", caseId)
      .where("record_kind", "=", kind)
      .where("record_id", "=", id);
  await base("citations").execute();
  await base("record_refs").execute();
  if (kind === "incident")
    await trx
      .deleteFrom("incident_acts")
      .where("case_id", "=", caseId)
      .where("incident_id", "=", id)
      .execute();
  if (kind === "source")
    await trx
      .deleteFrom("source_identities")
      .where("case_id", "=", caseId)
      .where("source_id", "=", id)
      .execute();
}

/**
 * Take the case's write lock for the rest of the transaction: a no-op update of its row. PostgreSQL holds the
 * row lock until commit, so writes to one case (from any process) run one after the other and each sees the
 * last one's rows; SQLite takes its database write lock at the first write of a transaction, before any read,
 * so the transaction reads the latest commit (a deferred read-then-write could not).
 * @throws WriteError CASE_NOT_FOUND
 */
async function lockCase(trx: Transaction<Database>, caseId: string): Promise<void> {
  const r = await trx
    .updateTable("cases")
    // A non-key column: setting the key, even to itself, would make SQLite count the case's rows in every table
    // that refers to it.
    .set((eb) => ({ content_hash: eb.ref("content_hash") }))
    .where("id", "=", caseId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new WriteError("CASE_NOT_FOUND", `no case with id "${caseId}"`);
}

/** The record and backfill reason to write: the request's, or what its `prepare` makes of the locked case. */
async function prepared<K extends RecordKind>(
  store: Store,
  trx: Transaction<Database>,
  w: RecordWriteRequest<K>,
): Promise<PreparedWrite<K>> {
  if (!w.prepare) return { record: w.record, backfillReason: w.backfillReason };
  const held = w.baseAt ? await w.baseAt(await storeVersionIn(trx)) : undefined;
  const base = held ?? (await readCaseIn(store, trx, w.caseId));
  if (!base) throw new WriteError("CASE_NOT_FOUND", `no case with id "${w.caseId}"`);
  let made: PreparedWrite<K>;
  try {
    made = w.prepare(base);
  } catch (e) {
    throw new PrepareRefused(e);
  }
  if (made.record !== undefined && made.record.id !== w.id)
    throw new PrepareRefused(new Error(`prepare gave record "${made.record.id}" for a write of "${w.id}"`));
  return made;
}
