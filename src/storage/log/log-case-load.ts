/**
 * The log entries of one case load: the case row and every inserted, updated and deleted record. Called by
 * `loadCase` inside its transaction, after the rows (and their derived rows) are written.
 * @module
 */
import type { Transaction } from "kysely";
import type { RecordKind } from "../../domain/index.js";
import type { Database } from "../database.js";
import { tableOf } from "../records/record-tables.js";
import { appendToLog, type LogEntry } from "./log-append.js";

/** What one kind's part of a load did, by record id. */
export interface KindChanges {
  readonly kind: RecordKind;
  readonly insert: readonly { readonly id: string }[];
  readonly update: readonly { readonly id: string }[];
  readonly remove: readonly string[];
}

/**
 * Append the leaves of a case load (nothing when nothing changed).
 * @example await logCaseLoad(trx, "rwanda-1990-1994", "inserted", plans, "cli")
 */
export async function logCaseLoad(
  trx: Transaction<Database>,
  caseId: string,
  manifest: "inserted" | "updated" | "unchanged",
  changes: readonly KindChanges[],
  actor?: string,
): Promise<number[]> {
  const entries: LogEntry[] = [];
  const base = actor === undefined ? {} : { actor };
  if (manifest !== "unchanged")
    entries.push({
      ...base,
      action: manifest === "inserted" ? "create" : "update",
      table: "cases",
      key: { id: caseId },
    });
  for (const c of changes) {
    const table = tableOf(c.kind).table;
    const key = (id: string) => ({ case_id: caseId, id });
    for (const id of c.remove) entries.push({ ...base, action: "delete", table, key: key(id) });
    for (const r of c.update) entries.push({ ...base, action: "update", table, key: key(r.id) });
    for (const r of c.insert) entries.push({ ...base, action: "create", table, key: key(r.id) });
  }
  return appendToLog(trx, entries);
}
