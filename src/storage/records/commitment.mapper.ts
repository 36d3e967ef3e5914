/** Mappers between the `commitments` row and the domain's Commitment. */
import type { Commitment } from "../../domain/index.js";
import type { CommitmentRow } from "./commitment.table.js";
import { bit, orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A Commitment as its `commitments` row. */
export function commitmentToRow(caseId: string, r: Commitment): CommitmentRow {
  return {
    ...recordColumns(caseId, "commitment", r),
    actor_id: r.actor,
    kind: r.kind,
    addressee_id: orNull(r.addressee),
    follow_up_due: orNull(r.followUpDue),
    delivered: r.delivered === null ? null : bit(r.delivered),
    delivered_by: orNull(r.deliveredBy),
  };
}

/** The Commitment a `commitments` row holds. */
export function commitmentRowToCommitment(row: CommitmentRow): Commitment {
  return recordFromColumns<Commitment>(row);
}
