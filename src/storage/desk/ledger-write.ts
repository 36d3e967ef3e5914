/**
 * Writing one warning or response into a case inside a caller's transaction: the record row, its citations and
 * actor/group references, and its leaf in the tamper-evident log, so the desk's ledger records are stored
 * exactly like loaded ones and commit together with the desk's own rows.
 * @module
 */
import type { Transaction } from "kysely";
import { actorReferences, type Response, type Source, type Warning } from "../../domain/index.js";
import type { Database } from "../database.js";
import { genericDb, recordTable } from "../records/record-db.js";
import { tableOf } from "../records/record-tables.js";
import { StoreError } from "../store-error.js";
import { appendToLog } from "../trust/log-append.js";

/** The kinds the desk writes. */
export type LedgerKind = "warning" | "response" | "source";
type LedgerRecord<K extends LedgerKind> = K extends "warning"
  ? Warning
  : K extends "response"
    ? Response
    : Source;

/**
 * Insert a new record (a record with the same id in the case fails: nothing is overwritten). A source written
 * here is never confidential (the desk writes only its own, public ones: the warning sent, the answer given).
 * @example await insertLedgerRecord(trx, "case-1", "warning", warning, "desk")
 */
export async function insertLedgerRecord<K extends LedgerKind>(
  trx: Transaction<Database>,
  caseId: string,
  kind: K,
  record: LedgerRecord<K>,
  actor: string,
): Promise<void> {
  const spec = tableOf(kind);
  const table = recordTable(spec.table);
  const exists = await genericDb(trx)
    .selectFrom(table)
    .select("id")
    .where("case_id", "=", caseId)
    .where("id", "=", record.id)
    .executeTakeFirst();
  if (exists)
    throw new StoreError("STORE_WRITE_FAILED", `case ${caseId}: a ${kind} "${record.id}" exists already`);
  await genericDb(trx)
    .insertInto(table)
    .values(spec.toRow(caseId, record as never))
    .execute();
  const base = { case_id: caseId, record_kind: kind, record_id: record.id };
  const citations = record.citations.map((c, seq) => ({
    ...base,
    seq,
    source_id: c.source,
    locator: c.locator,
  }));
  if (citations.length > 0) await trx.insertInto("citations").values(citations).execute();
  const seen = new Set<string>();
  const refs: { ref_kind: string; ref_id: string; field: string }[] = [];
  const push = (ref_kind: string, ref_id: string, field: string) => {
    const key = `${ref_kind}\u0000${ref_id}\u0000${field}`;
    if (!seen.has(key)) {
      seen.add(key);
      refs.push({ ref_kind, ref_id, field });
    }
  };
  for (const a of actorReferences(kind, record)) push("actor", a.actor, a.field);
  const group = (record as { targetGroup?: string }).targetGroup;
  if (group !== undefined) push("group", group, "targetGroup");
  if (refs.length > 0)
    await trx
      .insertInto("record_refs")
      .values(refs.map((r) => ({ ...base, ...r })))
      .execute();
  // The case changed: a new `loaded_at` makes the HTTP layer's memoised analyses (the ledger page) read it again.
  await trx
    .updateTable("cases")
    .set({ loaded_at: new Date().toISOString() })
    .where("id", "=", caseId)
    .execute();
  await appendToLog(trx, [
    {
      action: kind === "response" ? "response" : "create",
      table: spec.table,
      key: { case_id: caseId, id: record.id },
      actor,
    },
  ]);
}
