/**
 * The tamper-evident log entries of one import batch: a leaf per record row the batch created, updated or
 * deleted (the file's source, the records, the actors first seen), so `tocsin log verify` vouches for
 * imported rows as it does for loaded cases. Both import writers call it inside the batch's transaction.
 * @module
 */
import type { LogEntry } from "../log/log-append.js";
import { tableOf } from "../records/record-tables.js";
import type { BatchCommit, ImportWrite } from "./import.repository.js";

/** Who the import's leaves name as the writer. */
export const IMPORT_ACTOR = "import";

/**
 * The leaves of a committed batch, in write order: the case's manifest (when its period was widened), the
 * source's change (when it changed), deletions, then the records written (the last write of a duplicated key),
 * then the actors inserted.
 * @example batchLogEntries(batch, ["actor-1"], "create")
 */
export function batchLogEntries(
  c: BatchCommit,
  freshActorIds: readonly string[],
  sourceChange: "create" | "update" | undefined,
  caseChanged = false,
): LogEntry[] {
  const entries: LogEntry[] = [];
  const key = (id: string) => ({ case_id: c.caseId, id });
  const base = { actor: IMPORT_ACTOR } as const;
  if (caseChanged) entries.push({ ...base, action: "update", table: "cases", key: { id: c.caseId } });
  if (c.source && sourceChange)
    entries.push({ ...base, action: sourceChange, table: tableOf("source").table, key: key(c.source.id) });
  for (const d of c.deletes)
    entries.push({ ...base, action: "delete", table: tableOf(d.kind).table, key: key(d.id) });
  const last = new Map<string, ImportWrite>();
  for (const w of c.writes) last.set(`${w.kind}\u0000${w.record.id}`, w);
  for (const w of last.values())
    entries.push({
      ...base,
      action: w.change === "update" ? "update" : "create",
      table: tableOf(w.kind).table,
      key: key(w.record.id),
    });
  for (const id of new Set(freshActorIds))
    entries.push({ ...base, action: "create", table: tableOf("actor").table, key: key(id) });
  return entries;
}
