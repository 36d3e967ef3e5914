/** The `tribunals` table. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface TribunalTable extends RecordColumns {
  actor_id: string;
  name: string;
}
export type TribunalRow = Selectable<TribunalTable>;
