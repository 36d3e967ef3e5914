/**
 * Field encryption at rest with AES-256-GCM: a random 96-bit nonce per value and associated data
 * `table/record/field`, so a ciphertext moved to another row or column fails to decrypt instead of
 * revealing one source's identity under another's name. The key (32 bytes) comes from a key file or the
 * environment via the composition root and is never stored in the database.
 * @module
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

/** Where a ciphertext belongs; bound into it as associated data. */
export interface FieldContext {
  readonly table: string;
  readonly recordId: string;
  readonly field: string;
}

/** A field-encryption failure, with a stable code; the message never holds plaintext or key material. */
export class FieldCipherError extends Error {
  constructor(
    readonly code: "FIELD_KEY_INVALID" | "FIELD_CIPHERTEXT_INVALID" | "FIELD_DECRYPT_FAILED",
    message: string,
  ) {
    super(message);
    this.name = "FieldCipherError";
  }
}

const PREFIX = "enc:v1:";

function aad(ctx: FieldContext): Buffer {
  // JSON keeps the three parts unambiguous even when one holds a '/'.
  return Buffer.from(JSON.stringify([ctx.table, ctx.recordId, ctx.field]), "utf8");
}

/** Parse a key given as base64 (or base64url) of exactly 32 bytes. */
export function parseFieldKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), text.includes("-") || text.includes("_") ? "base64url" : "base64");
  if (key.length !== 32)
    throw new FieldCipherError("FIELD_KEY_INVALID", "the field key must be 32 bytes in base64");
  return key;
}

/** Read a field key file (base64 text), refusing one that group or others may read. */
export function loadFieldKeyFile(path: string): Buffer {
  if (process.platform !== "win32" && (statSync(path).mode & 0o077) !== 0) {
    throw new FieldCipherError(
      "FIELD_KEY_INVALID",
      `field key file ${path} is readable by group or others: chmod 600 it`,
    );
  }
  return parseFieldKey(readFileSync(path, "utf8"));
}

/** A new random key, base64, for `tocsin` to write into a fresh key file. */
export function newFieldKey(): string {
  return randomBytes(32).toString("base64");
}

/**
 * Encrypt one value: `enc:v1:<nonce>.<ciphertext>.<tag>` (base64url parts).
 * @example encryptField(key, "Jane", { table: "source_identities", recordId: "src-1", field: "name" })
 */
export function encryptField(key: Buffer, plaintext: string, ctx: FieldContext): string {
  if (key.length !== 32) throw new FieldCipherError("FIELD_KEY_INVALID", "the field key must be 32 bytes");
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce).setAAD(aad(ctx));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${PREFIX}${nonce.toString("base64url")}.${ct.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
}

/** True when the value is a ciphertext of this module (so a migration can tell what is still plaintext). */
export function isEncryptedField(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** Decrypt a value made by {@link encryptField} for the same context; throws a {@link FieldCipherError} otherwise. */
export function decryptField(key: Buffer, value: string, ctx: FieldContext): string {
  if (key.length !== 32) throw new FieldCipherError("FIELD_KEY_INVALID", "the field key must be 32 bytes");
  const parts = value.startsWith(PREFIX) ? value.slice(PREFIX.length).split(".") : [];
  const [nonce, ct, tag] = parts.map((p) => Buffer.from(p, "base64url"));
  if (parts.length !== 3 || nonce?.length !== 12 || tag?.length !== 16 || !ct) {
    throw new FieldCipherError(
      "FIELD_CIPHERTEXT_INVALID",
      `not an encrypted field value (${ctx.table}.${ctx.field})`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce).setAAD(aad(ctx)).setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    throw new FieldCipherError(
      "FIELD_DECRYPT_FAILED",
      `field ${ctx.table}.${ctx.field} of ${ctx.recordId} does not decrypt: wrong key, wrong place or tampered`,
    );
  }
}
