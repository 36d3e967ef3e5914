/** The `alerts` table: alerts an engine run raised, with their JSON payload. */
import type { Selectable } from "kysely";

export interface AlertTable {
  case_id: string;
  run_id: string;
  /** Position of the alert in the run, from 0. */
  seq: number;
  date: string;
  situation: string;
  level: string;
  previous_level: string;
  /** JSON text. */
  payload: string;
}
export type AlertRow = Selectable<AlertTable>;
