/** The `responses` table: what a duty-bearer did and which warning it answers. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface ResponseTable extends RecordColumns {
  actor_id: string;
  kind: string;
  warning_id: string | null;
  requested_action_id: string | null;
  country: string | null;
  target_group_id: string | null;
}
export type ResponseRow = Selectable<ResponseTable>;
