/** The `capabilities` table: forces that could have acted. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface CapabilityTable extends RecordColumns {
  force_id: string;
  owner_id: string | null;
  tasking: string;
  country: string | null;
}
export type CapabilityRow = Selectable<CapabilityTable>;
