/** The `commitments` table: threats and promises and whether they were delivered. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface CommitmentTable extends RecordColumns {
  actor_id: string;
  kind: string;
  addressee_id: string | null;
  follow_up_due: string | null;
  /** 1 delivered, 0 not delivered, null not yet known. */
  delivered: number | null;
  delivered_by: string | null;
}
export type CommitmentRow = Selectable<CommitmentTable>;
