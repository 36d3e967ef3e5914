/**
 * Ordering text by code point in both dialects: SQLite's default (BINARY) collation already does; PostgreSQL's
 * depends on the database's locale (`en_US` ignores punctuation), so its columns are given the `C` collation.
 * @module
 */
import { sql, type RawBuilder } from "kysely";
import type { StoreDialectName } from "../store.js";

/**
 * `column` as an expression that sorts and compares by code point, e.g. in a keyset pagination.
 * @example q.orderBy(byteOrdered(store.dialect, "id"))
 */
export function byteOrdered(dialect: StoreDialectName, column: string): RawBuilder<string> {
  return dialect === "postgres"
    ? sql<string>`${sql.ref(column)} collate "C"`
    : sql<string>`${sql.ref(column)}`;
}
