/**
 * The port the import pipeline writes through (implemented by the SQLite prepared-statement writer and the Kysely
 * writer; see import-writer.ts for the choice).
 * @module
 */
import type { BatchCommit, ImportKind, StoredImportRow } from "./import.repository.js";

export interface ImportWriter {
  lookup(caseId: string, kind: ImportKind, ids: readonly string[]): Promise<Map<string, StoredImportRow>>;
  /** Which of `ids` are sources stored in the case (citations must point at one). */
  existingSources(caseId: string, ids: readonly string[]): Promise<Set<string>>;
  /** Which of `ids` are records of `kind` stored in the case (an actor reference must name one). */
  existingRecords(caseId: string, kind: ImportKind, ids: readonly string[]): Promise<Set<string>>;
  commit(batch: BatchCommit): Promise<void>;
  close(): Promise<void>;
  /**
   * The raw-row hash to keep (and compare) for a confidential source's row: keyed with the store's field key,
   * so the stored hash cannot confirm a guessed identity. Throws STORE_UNSAFE without a field key.
   */
  protectedRowHash(rowHash: string): string;
}
