/**
 * The `record_refs` table: every actor or group a record points at, with the field it came from, so "records
 * involving actor X" is one indexed lookup whatever the kind.
 */
import type { Selectable } from "kysely";

export interface RecordRefTable {
  case_id: string;
  record_kind: string;
  record_id: string;
  /** "actor" or "group". */
  ref_kind: string;
  ref_id: string;
  /** The domain field the reference came from, e.g. "perpetrators", "sender", "requestedActions.addressees". */
  field: string;
}
export type RecordRefRow = Selectable<RecordRefTable>;
