/**
 * Live cases: a case created with no end (`live_cases`) keeps a period that covers every record written into
 * it, widened inside the write's transaction (its content hash with it, so the log sees the change).
 * @module
 */
import type { Transaction } from "kysely";
import type { CaseManifest, RecordBase } from "../../domain/index.js";
import type { Database } from "../database.js";
import { canonicalJson, sha256Hex } from "../records/canonical-json.js";

/**
 * Widen a live case's period to cover `record` (when it happened and when it became known).
 * @returns whether the case row changed (the caller logs it).
 */
export async function widenLiveCase(
  trx: Transaction<Database>,
  caseId: string,
  record: RecordBase,
): Promise<boolean> {
  const live = await trx
    .selectFrom("live_cases")
    .select("case_id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  if (!live) return false;
  const row = await trx.selectFrom("cases").select("manifest").where("id", "=", caseId).executeTakeFirst();
  if (!row) return false;
  const m = JSON.parse(row.manifest) as CaseManifest;
  const end = record.knownAt > record.occurredAt.to ? record.knownAt : record.occurredAt.to;
  const from = record.occurredAt.from < m.period.from ? record.occurredAt.from : m.period.from;
  const to = end > m.period.to ? end : m.period.to;
  if (from === m.period.from && to === m.period.to) return false;
  const json = canonicalJson({ ...m, period: { from, to } });
  await trx
    .updateTable("cases")
    .set({ manifest: json, content_hash: sha256Hex(json) })
    .where("id", "=", caseId)
    .execute();
  return true;
}
