/**
 * The `sources` table and the separate `source_identities` table that alone holds the fields identifying a
 * confidential source (its protected identity and its sealed fields), encrypted and access-checked apart from
 * everything else.
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

/**
 * One identifying field of one source: `field` is a key of the domain's ProtectedIdentity, or `source.<field>`
 * for a sealed Source field of a confidential source (its value canonical JSON).
 */
export interface SourceIdentityTable {
  case_id: string;
  source_id: string;
  field: string;
  /** AES-256-GCM ciphertext (`enc:v1:…`) written through the store's identity codec; never plain text. */
  value: string;
}
export type SourceIdentityRow = Selectable<SourceIdentityTable>;
