/**
 * A view of the database where any record table can be addressed by name through its common columns, for the
 * generic code that walks every kind. Per-kind columns still travel in the rows (Kysely writes every key).
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database, RecordTableName } from "../database.js";
import type { RecordColumns } from "./record-columns.js";

/** The schema plus one stand-in table for "some record table". */
export interface GenericRecordDatabase extends Database {
  record_table: RecordColumns;
}

/** The same connection, typed for generic record access. */
export function genericDb(db: Kysely<Database> | Transaction<Database>): Kysely<GenericRecordDatabase> {
  return db as unknown as Kysely<GenericRecordDatabase>;
}

/** A record table name, typed as the stand-in table (the real name is what goes into the SQL). */
export function recordTable(name: RecordTableName): "record_table" {
  return name as unknown as "record_table";
}
