/** Mappers between the `statements` row and the domain's Statement. */
import type { Statement } from "../../domain/index.js";
import type { StatementRow } from "./statement.table.js";
import { orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A Statement as its `statements` row. */
export function statementToRow(caseId: string, r: Statement): StatementRow {
  return {
    ...recordColumns(caseId, "statement", r),
    actor_id: r.actor,
    language: r.language,
    country: orNull(r.country),
    target_group_id: orNull(r.targetGroup),
  };
}

/** The Statement a `statements` row holds. */
export function statementRowToStatement(row: StatementRow): Statement {
  return recordFromColumns<Statement>(row);
}
