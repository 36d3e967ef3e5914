/** The `incidents` table and `incident_acts`, the act types of each incident as a joinable table. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface IncidentTable extends RecordColumns {
  country: string;
  admin1: string | null;
  target_group_id: string | null;
  organised: string;
  state_involvement: string;
  fatalities_best: number | null;
}
export type IncidentRow = Selectable<IncidentTable>;

export interface IncidentActTable {
  case_id: string;
  incident_id: string;
  act: string;
}
export type IncidentActRow = Selectable<IncidentActTable>;
