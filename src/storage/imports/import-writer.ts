/**
 * What the import pipeline writes through: look up imported keys, commit a batch atomically. Two
 * implementations with one contract (the sample and living suites run against both): prepared statements on
 * SQLite (the hot path of million-row imports) and Kysely for PostgreSQL.
 * @module
 */
import type { Store } from "../store.js";
import type { ImportWriter } from "./import-writer.port.js";
import { tagWith } from "../identity-codec.js";
import { identityCodecOf } from "../store-registry.js";
import { commitBatch } from "./kysely-import.writer.js";
import { existingRecords, existingSources, lookupImportRows } from "./import.repository.js";
import { openSqliteImportWriter } from "../dialects/sqlite-import.writer.js";

export type { ImportWriter } from "./import-writer.port.js";

/** The Kysely writer: every dialect, one statement per chunk of rows. */
export function kyselyImportWriter(store: Store): ImportWriter {
  return {
    lookup: (caseId, kind, ids) => lookupImportRows(store, caseId, kind, ids),
    existingSources: (caseId, ids) => existingSources(store, caseId, ids),
    existingRecords: (caseId, kind, ids) => existingRecords(store, caseId, kind, ids),
    commit: (batch) => commitBatch(store, batch),
    close: async () => undefined,
    protectedRowHash: (rowHash) => tagWith(identityCodecOf(store), rowHash),
  };
}

/**
 * The writer for `store`: prepared statements on a SQLite file, Kysely otherwise.
 * @example const w = await openImportWriter(store); await w.commit(batch); await w.close()
 */
export async function openImportWriter(store: Store): Promise<ImportWriter> {
  if (store.dialect === "sqlite") return openSqliteImportWriter(store);
  return kyselyImportWriter(store);
}
