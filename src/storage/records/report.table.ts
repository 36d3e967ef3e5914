/** The `reports` table: inquiries', rapporteurs' and NGOs' reports. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface ReportTable extends RecordColumns {
  title: string;
  country: string | null;
  target_group_id: string | null;
  qualification: string;
  mentions_genocide_risk: number;
}
export type ReportRow = Selectable<ReportTable>;
