/**
 * Earlier versions of a source that is now confidential: `record_versions` keeps the body an import replaced, and
 * for a source that was public then (or was written before sources were sealed) that body names it. Once a
 * source is confidential, every kept version of it is cut down to the placeholder its `sources` row holds — the
 * same fields an unentitled viewer sees — so no earlier version outlives the protection. Both import writers
 * call {@link sealSourceVersions} inside the batch's transaction, after the batch's versions are kept.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Source } from "../../domain/index.js";
import { canonicalJson } from "../records/canonical-json.js";
import { placeholderOf } from "../records/source.mapper.js";
import type { Database } from "../database.js";

/**
 * Replace the kept versions of the sources `ids` (of `caseId`) by their placeholders.
 * @returns the number of version rows rewritten.
 */
export async function sealSourceVersions(
  db: Kysely<Database> | Transaction<Database>,
  caseId: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .selectFrom("record_versions")
    .select(["record_id", "version", "row_hash", "body"])
    .where("case_id", "=", caseId)
    .where("record_kind", "=", "source")
    .where("record_id", "in", [...new Set(ids)])
    .execute();
  let changed = 0;
  for (const r of rows) {
    const kept = JSON.parse(r.body) as Source;
    const sealed = canonicalJson(placeholderOf({ ...kept, confidential: true }));
    if (sealed === r.body) continue;
    await db
      .updateTable("record_versions")
      .set({ body: sealed })
      .where("case_id", "=", caseId)
      .where("record_kind", "=", "source")
      .where("record_id", "=", r.record_id)
      .where("version", "=", r.version)
      .where("row_hash", "=", r.row_hash)
      .execute();
    changed += 1;
  }
  return changed;
}

/** The ids of the confidential sources among a batch's written records (whose kept versions must be sealed). */
export function confidentialSourceIds(
  records: readonly { readonly kind: string; readonly record: { readonly id: string } }[],
): string[] {
  return records
    .filter((w) => w.kind === "source" && (w.record as Source).confidential === true)
    .map((w) => w.record.id);
}
