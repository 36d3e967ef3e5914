/** The `tribunal_cases` table: the accused and the dates that measure how slow justice was. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface TribunalCaseTable extends RecordColumns {
  tribunal_id: string;
  accused_id: string;
  side: string | null;
  outcome: string;
}
export type TribunalCaseRow = Selectable<TribunalCaseTable>;
