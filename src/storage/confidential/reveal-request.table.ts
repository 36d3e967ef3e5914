/**
 * The table of dual-control reveal requests for a confidential source's identity.
 * @module
 */
import type { Selectable } from "kysely";

export interface RevealRequestTable {
  id: string;
  case_id: string;
  source_id: string;
  requested_by: string;
  reason: string;
  requested_at: string;
  approved_by: string | null;
  approved_at: string | null;
  expires_at: string | null;
  used_at: string | null;
}
export type RevealRequestRow = Selectable<RevealRequestTable>;
