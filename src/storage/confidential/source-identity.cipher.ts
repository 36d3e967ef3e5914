/**
 * Encryption at rest of `source_identities.value` (a confidential source's name, contact, exact place,
 * device, description, and its sealed fields: title, author, url, notes, own citations…): AES-256-GCM bound
 * to `source_identities / <case>/<source> / <field>`, so a value copied onto another source or field does not
 * decrypt. The key is passed in by the composition root.
 * @module
 */
import { createHmac } from "node:crypto";
import type { Kysely } from "kysely";
import {
  decryptField,
  encryptField,
  isEncryptedField,
  type FieldContext,
} from "../../security/field-cipher.js";
import type { Database } from "../database.js";
import {
  SEALED_FIELD_PREFIX,
  sourceRowToSource,
  sourceToIdentityRows,
  sourceToRow,
} from "../records/source.mapper.js";
import type { SourceIdentityRow } from "../records/source.table.js";
import { appendToLog } from "../log/log-append.js";

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
 * HMAC-SHA-256 of `text` under the field key (base64), domain-separated from every other use of the key: a
 * fingerprint that compares equal across writes, but that nobody without the key can compute to test a guess.
 * @example importRowTag(key, rowHash) // "k3J…=" — the same for the same key and text
 */
export function importRowTag(key: Buffer, text: string): string {
  return createHmac("sha256", key).update("tocsin import row\u0000").update(text).digest("base64");
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
 * Bring a store written before full source protection up to it, in one transaction: encrypt every plaintext
 * identity value in place, and seal every confidential source whose `sources` row still holds its title,
 * author, url, notes or own citations (the row becomes the placeholder, the fields encrypted identity rows,
 * the citation rows lose their locator). Each affected source is logged as an `update` so `log verify` stays
 * clean. The old plaintext may survive in the database's free space: VACUUM a SQLite file afterwards.
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
    const touch = (caseId: string, id: string) =>
      touched.set(`${caseId}\u0000${id}`, { case_id: caseId, id });
    for (const r of plain) {
      await trx
        .updateTable("source_identities")
        .set({ value: encryptField(key, r.value, contextOf(r)) })
        .where("case_id", "=", r.case_id)
        .where("source_id", "=", r.source_id)
        .where("field", "=", r.field)
        .execute();
      touch(r.case_id, r.source_id);
    }
    let sealed = 0;
    const confidential = await trx.selectFrom("sources").selectAll().where("confidential", "=", 1).execute();
    for (const row of confidential) {
      const source = sourceRowToSource(row);
      const { case_id: caseId, id, ...columns } = sourceToRow(row.case_id, source);
      const fields = sourceToIdentityRows(caseId, source).filter((r) =>
        r.field.startsWith(SEALED_FIELD_PREFIX),
      );
      // Already sealed: the stored row is its own placeholder.
      if (columns.content_hash === row.content_hash || fields.length === 0) continue;
      await trx
        .deleteFrom("source_identities")
        .where("case_id", "=", caseId)
        .where("source_id", "=", id)
        .where(
          "field",
          "in",
          fields.map((f) => f.field),
        )
        .execute();
      await trx.insertInto("source_identities").values(encryptIdentityRows(key, fields)).execute();
      await trx
        .updateTable("sources")
        .set(columns)
        .where("case_id", "=", caseId)
        .where("id", "=", id)
        .execute();
      await trx
        .updateTable("citations")
        .set({ locator: "" })
        .where("case_id", "=", caseId)
        .where("record_kind", "=", "source")
        .where("record_id", "=", id)
        .execute();
      sealed += fields.length;
      touch(caseId, id);
    }
    await appendToLog(
      trx,
      [...touched.values()].map((key) => ({ action: "update" as const, table: "sources", key, actor })),
    );
    return plain.length + sealed;
  });
}
