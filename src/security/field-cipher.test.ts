import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decryptField,
  encryptField,
  FieldCipherError,
  isEncryptedField,
  loadFieldKeyFile,
  newFieldKey,
  parseFieldKey,
} from "./field-cipher.js";

const key = parseFieldKey(Buffer.alloc(32, 5).toString("base64"));
const ctx = { table: "source_identities", recordId: "src-1", field: "name" };

describe("AES-256-GCM field encryption", () => {
  it("round-trips and uses a fresh nonce each time", () => {
    const a = encryptField(key, "CANARY-name-1", ctx);
    expect(a).toMatch(/^enc:v1:[\w-]{16}\.[\w-]+\.[\w-]{22}$/u);
    expect(a).not.toContain("CANARY");
    expect(encryptField(key, "CANARY-name-1", ctx)).not.toBe(a);
    expect(decryptField(key, a, ctx)).toBe("CANARY-name-1");
    expect(isEncryptedField(a)).toBe(true);
    expect(decryptField(key, encryptField(key, "", ctx), ctx)).toBe("");
  });

  it("refuses a ciphertext moved to another record, field or table, a wrong key and any tampering", () => {
    const a = encryptField(key, "secret place", ctx);
    expect(() => decryptField(key, a, { ...ctx, recordId: "src-2" })).toThrow(FieldCipherError);
    expect(() => decryptField(key, a, { ...ctx, field: "contact" })).toThrow(FieldCipherError);
    expect(() => decryptField(key, a, { ...ctx, table: "sources" })).toThrow(FieldCipherError);
    expect(() => decryptField(Buffer.alloc(32, 6), a, ctx)).toThrow(/does not decrypt/);
    const flipped = a.slice(0, 30) + (a[30] === "A" ? "B" : "A") + a.slice(31);
    expect(() => decryptField(key, flipped, ctx)).toThrow(FieldCipherError);
    expect(() => decryptField(key, "plain text", ctx)).toThrow(
      expect.objectContaining({ code: "FIELD_CIPHERTEXT_INVALID" }),
    );
  });

  it("never puts plaintext into an error message", () => {
    const a = encryptField(key, "CANARY-contact", ctx);
    try {
      decryptField(Buffer.alloc(32, 1), a, ctx);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain("CANARY");
    }
  });

  it("accepts only 32-byte keys, and key files only with mode 0600", () => {
    expect(() => parseFieldKey("")).toThrow(FieldCipherError);
    expect(() => parseFieldKey(Buffer.alloc(16).toString("base64"))).toThrow(FieldCipherError);
    expect(parseFieldKey(newFieldKey()).length).toBe(32);
    const dir = mkdtempSync(join(tmpdir(), "tocsin-fk-"));
    const p = join(dir, "field.key");
    writeFileSync(p, newFieldKey(), { mode: 0o600 });
    expect(loadFieldKeyFile(p).length).toBe(32);
    chmodSync(p, 0o640);
    expect(() => loadFieldKeyFile(p)).toThrow(/chmod 600/);
  });

  it("round-trips any string (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (plain, id) => {
        expect(
          decryptField(key, encryptField(key, plain, { ...ctx, recordId: id }), { ...ctx, recordId: id }),
        ).toBe(plain);
      }),
    );
  });
});
