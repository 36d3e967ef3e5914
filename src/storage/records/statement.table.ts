/** The `statements` table: public statements and the terms they used. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface StatementTable extends RecordColumns {
  actor_id: string;
  language: string;
  country: string | null;
  target_group_id: string | null;
}
export type StatementRow = Selectable<StatementTable>;
