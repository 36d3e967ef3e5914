/** The `mandates` table. The adopting body is `adopted_by_id` because `body` is the JSON column. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface MandateTable extends RecordColumns {
  adopted_by_id: string;
  mission_id: string;
  resolution: string | null;
  legal_basis: string;
  country: string | null;
  ended_at: string | null;
}
export type MandateRow = Selectable<MandateTable>;
