/**
 * The period of an import's own case (`import-acled` and the like): replays and the API's alerts walk
 * `manifest.period`, so it must cover the imported data — from the earliest `occurredAt.from` of the records
 * written to the latest day one of them became known (`knownAt`). Each batch widens it (never narrows it) in
 * its own transaction; a case holding no imported row yet (just created, with the import day as a placeholder)
 * takes the batch's period as it is. Both import writers call {@link widenCasePeriod}.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { CaseManifest } from "../../domain/index.js";
import { canonicalJson, sha256Hex } from "../records/canonical-json.js";
import type { Database } from "../database.js";

/** A period of calendar days `YYYY-MM-DD`. */
export interface CasePeriod {
  readonly from: string;
  readonly to: string;
}

/** The union of `a` and `b` (days compare as text). */
export function unionPeriod(a: CasePeriod, b: CasePeriod): CasePeriod {
  return { from: b.from < a.from ? b.from : a.from, to: b.to > a.to ? b.to : a.to };
}

/**
 * Widen the case's manifest period to cover `period` (replace it when the case holds no imported row yet) and
 * update its content hash. Runs inside the batch's transaction, before the batch's rows are written.
 * @returns whether the case row changed (then the batch logs an update of it).
 */
export async function widenCasePeriod(
  db: Kysely<Database> | Transaction<Database>,
  caseId: string,
  period: CasePeriod,
): Promise<boolean> {
  // Lock the case row before reading it: on PostgreSQL two imports into one case would otherwise both read the
  // old period and the later commit would drop the earlier one's widening (SQLite's writes are serialised).
  await db
    .updateTable("cases")
    .set((eb) => ({ content_hash: eb.ref("content_hash") }))
    .where("id", "=", caseId)
    .execute();
  const row = await db.selectFrom("cases").select("manifest").where("id", "=", caseId).executeTakeFirst();
  if (!row) return false;
  const manifest = JSON.parse(row.manifest) as CaseManifest;
  const anyImported = await db
    .selectFrom("import_rows")
    .select("record_id")
    .where("case_id", "=", caseId)
    .limit(1)
    .executeTakeFirst();
  const next = anyImported ? unionPeriod(manifest.period, period) : period;
  if (next.from === manifest.period.from && next.to === manifest.period.to) return false;
  const json = canonicalJson({ ...manifest, period: { from: next.from, to: next.to } });
  await db
    .updateTable("cases")
    .set({ manifest: json, content_hash: sha256Hex(json) })
    .where("id", "=", caseId)
    .execute();
  return true;
}
