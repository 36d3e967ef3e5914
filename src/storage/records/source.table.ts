/**
 * The `sources` table and the separate `source_identities` table that alone holds the fields identifying a
 * confidential source, so they can be encrypted and access-checked apart from everything else.
 */
import type { Selectable } from "kysely";
import type { RecordColumns } from "./record-columns.js";

export interface SourceTable extends RecordColumns {
  kind: string;
  title: string;
  reliability: string;
  credibility: number;
  confidential: number;
}
export type SourceRow = Selectable<SourceTable>;

/** One identifying field of one source: `field` is a key of the domain's ProtectedIdentity. */
export interface SourceIdentityTable {
  case_id: string;
  source_id: string;
  field: string;
  /** Plain text today; the source-protection work encrypts it here without touching any other table. */
  value: string;
}
export type SourceIdentityRow = Selectable<SourceIdentityTable>;
