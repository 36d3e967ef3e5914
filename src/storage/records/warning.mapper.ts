/** Mappers between the `warnings` row and the domain's Warning. */
import type { Warning } from "../../domain/index.js";
import type { WarningRow } from "./warning.table.js";
import { orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A Warning as its `warnings` row. */
export function warningToRow(caseId: string, r: Warning): WarningRow {
  return {
    ...recordColumns(caseId, "warning", r),
    sender_id: r.sender,
    channel: r.channel,
    country: orNull(r.country),
    target_group_id: orNull(r.targetGroup),
    origin: r.origin,
  };
}

/** The Warning a `warnings` row holds. */
export function warningRowToWarning(row: WarningRow): Warning {
  return recordFromColumns<Warning>(row);
}
