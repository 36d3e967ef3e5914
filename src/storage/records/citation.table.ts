/** The `citations` table: every record's citations, joinable by source, in their order. */
import type { Selectable } from "kysely";

export interface CitationTable {
  case_id: string;
  record_kind: string;
  record_id: string;
  /** Position of the citation in the record, from 0, so order round-trips. */
  seq: number;
  source_id: string;
  locator: string;
}
export type CitationRow = Selectable<CitationTable>;
