/**
 * The timeline of a stored case, built from the store with the same pure functions as the domain's
 * `toTimeline`, so both give the same entries for the same case.
 * @module
 */
import {
  RECORD_KINDS,
  compareTimelineEntries,
  timelineEntryOf,
  type DayRange,
  type RecordKind,
  type RecordOf,
  type TimelineEntry,
} from "../domain/index.js";
import type { RecordColumns } from "./records/record-columns.js";
import { genericDb, recordTable } from "./records/record-db.js";
import { tableOf } from "./records/record-tables.js";
import type { Store } from "./store.js";
import { toStoreError } from "./store-registry.js";

/**
 * Every record of a case whose `occurredAt` overlaps the window, in time order. Protected identities are never
 * read for a timeline. An unknown case gives an empty timeline.
 * @example await timeline(store, "rwanda-1990-1994", { from: "1994-01-01", to: "1994-01-31" })
 */
export async function timeline(store: Store, caseId: string, range: DayRange = {}): Promise<TimelineEntry[]> {
  try {
    const out: TimelineEntry[] = [];
    for (const kind of RECORD_KINDS) {
      const spec = tableOf(kind);
      let q = genericDb(store.db)
        .selectFrom(recordTable(spec.table))
        .selectAll()
        .where("case_id", "=", caseId);
      if (range.from !== undefined) q = q.where("occurred_to", ">=", range.from);
      if (range.to !== undefined) q = q.where("occurred_from", "<=", range.to);
      const rows: RecordColumns[] = await q.execute();
      for (const row of rows) out.push(timelineEntryOf(kind, spec.fromRow(row) as RecordOf<RecordKind>));
    }
    return out.sort(compareTimelineEntries);
  } catch (e) {
    throw toStoreError(store, e, `read the timeline of case ${caseId}`);
  }
}
