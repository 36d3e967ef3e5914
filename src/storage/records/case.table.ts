/** The `cases` table: one row per loaded case, with its manifest. */
import type { Selectable } from "kysely";

export interface CaseTable {
  id: string;
  title: string;
  /** The manifest as JSON text. */
  manifest: string;
  /** SHA-256 of the manifest's canonical JSON. */
  content_hash: string;
  /** When the case was last loaded with a change (ISO timestamp passed in by the caller). */
  loaded_at: string;
}
export type CaseRow = Selectable<CaseTable>;
