import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LogKeyError } from "../../integrity/log-key.file.js";
import { FieldCipherError } from "../../security/field-cipher.js";
import {
  encryptingCodec,
  fieldKeyFileOf,
  installFieldKey,
  installLogKey,
  keyDirOf,
  keySettingsFromEnv,
  logKeyFileOf,
} from "./install-keys.js";

const fresh = () => join(mkdtempSync(join(tmpdir(), "tocsin-keys-")), "s.db");

describe("install keys", () => {
  it("creates both keys on first use, 0600 in a 0700 folder beside the store, and reuses them", () => {
    const db = fresh();
    const field = installFieldKey(db);
    const log = installLogKey(db);
    expect(field.length).toBe(32);
    expect(log.name).toBe("tocsin.local/log");
    expect(readdirSync(`${db}.keys`).sort()).toEqual(["field.key", "log.key"]);
    expect(statSync(`${db}.keys`).mode & 0o777).toBe(0o700);
    for (const f of ["field.key", "log.key"])
      expect(statSync(join(`${db}.keys`, f)).mode & 0o777).toBe(0o600);
    expect(installFieldKey(db).equals(field)).toBe(true);
    expect(Buffer.from(installLogKey(db).publicKey).equals(Buffer.from(log.publicKey))).toBe(true);
    // Two installs never share a key.
    expect(installFieldKey(fresh()).equals(field)).toBe(false);
  });

  it("takes locations and the key itself from the settings the composition root passes", () => {
    const db = fresh();
    const settings = keySettingsFromEnv({
      TOCSIN_FIELD_KEY: Buffer.alloc(32, 7).toString("base64"),
      TOCSIN_LOG_KEY_FILE: join(db, "..", "elsewhere", "log.key"),
      TOCSIN_LOG_NAME: "tocsin.example.org/log",
      UNRELATED: "x",
    });
    expect(settings).toEqual({
      fieldKey: Buffer.alloc(32, 7).toString("base64"),
      logKeyFile: join(db, "..", "elsewhere", "log.key"),
      logName: "tocsin.example.org/log",
    });
    expect(installFieldKey(db, settings).equals(Buffer.alloc(32, 7))).toBe(true);
    expect(installLogKey(db, settings).name).toBe("tocsin.example.org/log");
    expect(logKeyFileOf(db, settings)).toBe(join(db, "..", "elsewhere", "log.key"));
    expect(keySettingsFromEnv({})).toEqual({});
    expect(keyDirOf("postgres://u@h/db", { serverKeysHome: "/home/a/.local/share/tocsin/keys" })).toBe(
      "/home/a/.local/share/tocsin/keys/h-5432-db",
    );
    expect(fieldKeyFileOf(db)).toBe(join(`${db}.keys`, "field.key"));
  });

  it("refuses a key file others can read, a malformed one, and a missing explicit one", () => {
    const db = fresh();
    installFieldKey(db);
    chmodSync(join(`${db}.keys`, "field.key"), 0o644);
    expect(() => installFieldKey(db)).toThrow(FieldCipherError);
    const bad = join(db, "..", "bad.key");
    writeFileSync(bad, "PRIVATE+KEY+nonsense\n", { mode: 0o600 });
    expect(() => installLogKey(db, { logKeyFile: bad })).toThrow(LogKeyError);
    expect(() => installFieldKey(db, { fieldKeyFile: join(db, "..", "missing.key") })).toThrow();
  });

  it("the codec encrypts values bound to case, source and field, and decodes them back", () => {
    const codec = encryptingCodec(Buffer.alloc(32, 1));
    const rows = [{ case_id: "c", source_id: "s", field: "name", value: "Jane Doe" }];
    const enc = codec.encode(rows);
    expect(enc[0]?.value.startsWith("enc:v1:")).toBe(true);
    expect(codec.decode(enc)).toEqual(rows);
    expect(() => codec.decode([{ ...enc[0]!, field: "contact" }])).toThrow(FieldCipherError);
    expect(codec.encode([])).toEqual([]);
  });
});
