/** The `actors` table: states, organisations, missions, people. */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface ActorTable extends RecordColumns {
  kind: string;
  name: string;
  member_of: string | null;
  side: string | null;
  country: string | null;
  /** 1 when the actor is a duty-bearer under the Genocide Convention (integer in both dialects). */
  duty_bearer: number;
}
export type ActorRow = Selectable<ActorTable>;
