/**
 * Migration 0300: lighter side tables for imports, which write a citation, actor references, act rows and an
 * import key for every record.
 * - `incident_acts_act_idx` (act, case) is dropped: no query reads acts by act (they are read per incident,
 *   through the primary key, and the body holds them too). A query by act would add an index back.
 * - citations, record_refs, incident_acts and import_rows are clustered on their primary keys where the
 *   dialect can (SQLite WITHOUT ROWID): one b-tree per table instead of a rowid table plus its key index.
 *   Same columns, keys, constraints and other indexes; nothing references these tables. PostgreSQL keeps
 *   its heap tables.
 */
import type { StoreMigration } from "./migration.js";

const CLUSTERED = ["citations", "record_refs", "incident_acts", "import_rows"] as const;

export const migration0300ClusteredSideTables: StoreMigration = {
  name: "0300-clustered-side-tables",
  async up(db, ctx) {
    await db.schema.dropIndex("incident_acts_act_idx").ifExists().execute();
    if (ctx.clusterOnPrimaryKey === undefined) return;
    for (const table of CLUSTERED) await ctx.clusterOnPrimaryKey(db, table);
  },
};
