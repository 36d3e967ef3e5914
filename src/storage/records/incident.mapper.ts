/** Mappers between the `incidents` row and the domain's Incident. */
import { bestOf, type Incident } from "../../domain/index.js";
import type { IncidentRow } from "./incident.table.js";
import { orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** An Incident as its `incidents` row. */
export function incidentToRow(caseId: string, r: Incident): IncidentRow {
  return {
    ...recordColumns(caseId, "incident", r),
    country: r.place.country,
    admin1: orNull(r.place.admin1),
    target_group_id: orNull(r.targetGroup),
    organised: r.organised,
    state_involvement: r.stateInvolvement,
    fatalities_best: orNull(bestOf(r.fatalities)),
  };
}

/** The Incident an `incidents` row holds. */
export function incidentRowToIncident(row: IncidentRow): Incident {
  return recordFromColumns<Incident>(row);
}
