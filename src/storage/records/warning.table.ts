/** The `warnings` table: who warned whom, through which channel. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface WarningTable extends RecordColumns {
  sender_id: string;
  channel: string;
  country: string | null;
  target_group_id: string | null;
  origin: string;
}
export type WarningRow = Selectable<WarningTable>;
