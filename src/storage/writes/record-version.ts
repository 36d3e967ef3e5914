/**
 * The version of a stored record, as its ETag shows it: a digest of its row's content hash and of its stored
 * identity rows (ciphertext, which is rewritten on every write of a source), so any change to the record — its
 * protected fields included — gives a new version, while the version never reveals anything about the content.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import type { RecordKind } from "../../domain/index.js";
import { sha256Hex } from "../records/canonical-json.js";
import { genericDb, recordTable } from "../records/record-db.js";
import { tableOf } from "../records/record-tables.js";

/**
 * The version of a record from its content hash and its identity rows' stored values.
 * @example versionOf("ab12…", []) // "5f1c0e…" (20 hex digits)
 */
export function versionOf(contentHash: string, identityValues: readonly string[]): string {
  return sha256Hex(`${contentHash}\n${[...identityValues].sort().join("\n")}`).slice(0, 20);
}

/** A stored record's row as the write path needs it. */
export interface CurrentRow {
  readonly contentHash: string;
  readonly body: string;
  readonly version: string;
  readonly confidential: boolean;
}

/**
 * The current row of `kind`/`id` in `caseIdOrAny` (undefined: the first case holding it) with its version, or
 * undefined when there is none.
 * @example const cur = await currentRow(trx, "c1", "incident", "inc-1"); cur?.version
 */
export async function currentRow(
  db: Kysely<Database> | Transaction<Database>,
  caseIdOrAny: string | undefined,
  kind: RecordKind,
  id: string,
): Promise<CurrentRow | undefined> {
  let q = genericDb(db)
    .selectFrom(recordTable(tableOf(kind).table))
    .select(["case_id", "content_hash", "body"])
    .where("id", "=", id);
  // Without a case: the first case holding the id, as getRecord reads it.
  if (caseIdOrAny !== undefined) q = q.where("case_id", "=", caseIdOrAny);
  const row = await q.orderBy("case_id").limit(1).executeTakeFirst();
  if (!row) return undefined;
  const caseId = row.case_id;
  let values: string[] = [];
  let confidential = false;
  if (kind === "source") {
    const ids = await db
      .selectFrom("source_identities")
      .select("value")
      .where("case_id", "=", caseId)
      .where("source_id", "=", id)
      .execute();
    values = ids.map((r) => r.value);
    const s = await db
      .selectFrom("sources")
      .select("confidential")
      .where("case_id", "=", caseId)
      .where("id", "=", id)
      .executeTakeFirst();
    confidential = Number(s?.confidential ?? 0) === 1;
  }
  return {
    contentHash: row.content_hash,
    body: row.body,
    version: versionOf(row.content_hash, values),
    confidential,
  };
}
