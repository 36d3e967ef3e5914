/** Mappers between the `protected_groups` row and the domain's ProtectedGroup. */
import type { ProtectedGroup } from "../../domain/index.js";
import type { GroupRow } from "./group.table.js";
import { recordColumns, recordFromColumns } from "./record-row.js";

/** A ProtectedGroup as its `protected_groups` row. */
export function groupToRow(caseId: string, r: ProtectedGroup): GroupRow {
  return {
    ...recordColumns(caseId, "group", r),
    kind: r.kind,
    name: r.name,
  };
}

/** The ProtectedGroup a `protected_groups` row holds. */
export function groupRowToGroup(row: GroupRow): ProtectedGroup {
  return recordFromColumns<ProtectedGroup>(row);
}
