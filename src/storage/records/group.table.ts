/** The `protected_groups` table: groups protected by Article II of the Genocide Convention. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface GroupTable extends RecordColumns {
  kind: string;
  name: string;
}
export type GroupRow = Selectable<GroupTable>;
