/** Mappers between the `tribunal_cases` row and the domain's TribunalCase. */
import type { TribunalCase } from "../../domain/index.js";
import type { TribunalCaseRow } from "./tribunal-case.table.js";
import { orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A TribunalCase as its `tribunal_cases` row. */
export function tribunalCaseToRow(caseId: string, r: TribunalCase): TribunalCaseRow {
  return {
    ...recordColumns(caseId, "tribunalCase", r),
    tribunal_id: r.tribunal,
    accused_id: r.accused,
    side: orNull(r.side),
    outcome: r.outcome,
  };
}

/** The TribunalCase a `tribunal_cases` row holds. */
export function tribunalCaseRowToTribunalCase(row: TribunalCaseRow): TribunalCase {
  return recordFromColumns<TribunalCase>(row);
}
