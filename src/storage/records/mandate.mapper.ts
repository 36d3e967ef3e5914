/** Mappers between the `mandates` row and the domain's Mandate. */
import type { Mandate } from "../../domain/index.js";
import type { MandateRow } from "./mandate.table.js";
import { orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A Mandate as its `mandates` row. */
export function mandateToRow(caseId: string, r: Mandate): MandateRow {
  return {
    ...recordColumns(caseId, "mandate", r),
    adopted_by_id: r.body,
    mission_id: r.mission,
    resolution: orNull(r.resolution),
    legal_basis: r.legalBasis,
    country: orNull(r.country),
    ended_at: orNull(r.endedAt),
  };
}

/** The Mandate a `mandates` row holds. */
export function mandateRowToMandate(row: MandateRow): Mandate {
  return recordFromColumns<Mandate>(row);
}
