/** Mappers between the `responses` row and the domain's Response. */
import type { Response } from "../../domain/index.js";
import type { ResponseRow } from "./response.table.js";
import { orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A Response as its `responses` row. */
export function responseToRow(caseId: string, r: Response): ResponseRow {
  return {
    ...recordColumns(caseId, "response", r),
    actor_id: r.actor,
    kind: r.kind,
    warning_id: orNull(r.warning),
    requested_action_id: orNull(r.requestedAction),
    country: orNull(r.country),
    target_group_id: orNull(r.targetGroup),
  };
}

/** The Response a `responses` row holds. */
export function responseRowToResponse(row: ResponseRow): Response {
  return recordFromColumns<Response>(row);
}
