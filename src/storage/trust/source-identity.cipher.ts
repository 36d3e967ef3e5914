/**
 * Encryption at rest of `source_identities.value` (a confidential source's name, contact, exact place,
 * device): AES-256-GCM bound to `source_identities / <case>/<source> / <field>`, so a value copied onto
 * another source or field does not decrypt. The key is passed in by the composition root.
 * @module
 */
import type { Kysely } from "kysely";
import {
  decryptField,
  encryptField,
  isEncryptedField,
  type FieldContext,
} from "../../security/field-cipher.js";
import type { Database } from "../database.js";
import type { SourceIdentityRow } from "../records/source.table.js";
import { appendToLog } from "./log-append.js";

function contextOf(row: Pick<SourceIdentityRow, "case_id" | "source_id" | "field">): FieldContext {
  return { table: "source_identities", recordId: `${row.case_id}/${row.source_id}`, field: row.field };
}

/**
 * The rows with `value` encrypted (already encrypted values are kept as they are).
 * @example await trx.insertInto("source_identities").values(encryptIdentityRows(key, sourceToIdentityRows(caseId, s)))
 */
export function encryptIdentityRows(key: Buffer, rows: readonly SourceIdentityRow[]): SourceIdentityRow[] {
  return rows.map((r) =>
    isEncryptedField(r.value) ? r : { ...r, value: encryptField(key, r.value, contextOf(r)) },
  );
}

/**
 * The rows with `value` decrypted. Throws a FieldCipherError (no plaintext in its message) on a wrong key,
 * a moved or a tampered value; a plaintext value left from before encryption passes through unchanged.
 */
export function decryptIdentityRows<
  R extends Pick<SourceIdentityRow, "case_id" | "source_id" | "field" | "value">,
>(key: Buffer, rows: readonly R[]): R[] {
  return rows.map((r) =>
    isEncryptedField(r.value) ? { ...r, value: decryptField(key, r.value, contextOf(r)) } : r,
  );
}

/**
 * Encrypt every plaintext identity value in place (for stores written before encryption was on), in one
 * transaction, logging an `update` of each affected source so `log verify` stays clean.
 * @returns the number of values encrypted.
 */
export async function encryptStoredIdentities(
  db: Kysely<Database>,
  key: Buffer,
  actor = "system",
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("source_identities").selectAll().execute();
    const plain = rows.filter((r) => !isEncryptedField(r.value));
    const touched = new Map<string, { case_id: string; id: string }>();
    for (const r of plain) {
      await trx
        .updateTable("source_identities")
        .set({ value: encryptField(key, r.value, contextOf(r)) })
        .where("case_id", "=", r.case_id)
        .where("source_id", "=", r.source_id)
        .where("field", "=", r.field)
        .execute();
      touched.set(`${r.case_id}\u0000${r.source_id}`, { case_id: r.case_id, id: r.source_id });
    }
    await appendToLog(
      trx,
      [...touched.values()].map((key) => ({ action: "update" as const, table: "sources", key, actor })),
    );
    return plain.length;
  });
}
