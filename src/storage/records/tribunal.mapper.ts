/** Mappers between the `tribunals` row and the domain's Tribunal. */
import type { Tribunal } from "../../domain/index.js";
import type { TribunalRow } from "./tribunal.table.js";
import { recordColumns, recordFromColumns } from "./record-row.js";

/** A Tribunal as its `tribunals` row. */
export function tribunalToRow(caseId: string, r: Tribunal): TribunalRow {
  return {
    ...recordColumns(caseId, "tribunal", r),
    actor_id: r.actor,
    name: r.name,
  };
}

/** The Tribunal a `tribunals` row holds. */
export function tribunalRowToTribunal(row: TribunalRow): Tribunal {
  return recordFromColumns<Tribunal>(row);
}
