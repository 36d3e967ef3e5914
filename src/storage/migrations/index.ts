/**
 * Every store migration, in the order they run.
 *
 * To change the schema, ADD a file `NNNN-what.ts` (next number, kebab-case) exporting a {@link StoreMigration}
 * and append it at the end of {@link MIGRATIONS}; add any new table type to `src/storage/database.ts`.
 * Never edit, reorder or remove a migration that has shipped: stores in the field have recorded its name.
 * Use `ctx.types` for the column types that differ per dialect (JSON, floating point).
 * @module
 */
import { migration0001Cases } from "./0001-cases.js";
import { migration0002Records } from "./0002-records.js";
import { migration0003Outputs } from "./0003-outputs.js";
import { migration0100Imports } from "./0100-imports.js";
import { migration0200Trust } from "./0200-trust.js";
import { migration0300ClusteredSideTables } from "./0300-clustered-side-tables.js";
import { migration0410ImportLeases } from "./0410-import-leases.js";
import { migration0420Writes } from "./0420-writes.js";
import { migration0430Desk } from "./0430-desk.js";
import { migration0440CaseSettings } from "./0440-case-settings.js";
import { migration0450FeedOrderIndex } from "./0450-feed-order-index.js";
import type { StoreMigration } from "./migration.js";

export type { StoreMigration } from "./migration.js";

/** All migrations, oldest first. Names must be unique and sort in this same order. */
export const MIGRATIONS: readonly StoreMigration[] = [
  migration0001Cases,
  migration0002Records,
  migration0003Outputs,
  migration0100Imports,
  migration0200Trust,
  migration0300ClusteredSideTables,
  migration0410ImportLeases,
  migration0420Writes,
  migration0430Desk,
  migration0440CaseSettings,
  migration0450FeedOrderIndex,
  // Append new migrations here.
];
