// Source identities at rest: encrypted in the database file, decryptable only with the key and only in place.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { RECORD_KINDS } from "../../src/domain/index.js";
import { generateLogKey } from "../../src/integrity/log-key.file.js";
import { FieldCipherError, parseFieldKey } from "../../src/security/field-cipher.js";
import { loadCase, openStore } from "../../src/storage/index.js";
import {
  checkpointLog,
  decryptIdentityRows,
  encryptIdentityRows,
  encryptStoredIdentities,
  logCaseLoad,
  verifyLog,
} from "../../src/storage/trust/index.js";
import { CANARY, syntheticBundle } from "../storage/fixtures.js";

const key = parseFieldKey(Buffer.alloc(32, 42).toString("base64"));

describe("source identity encryption at rest", () => {
  it("encrypts every stored identity value, keeps the log verifying, and leaves no canary in the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-sid-"));
    const path = join(dir, "s.db");
    const signer = generateLogKey(join(dir, "log.key"), "tocsin.test/log");
    const bundle = syntheticBundle();
    const store = await openStore(path);
    await loadCase(store, bundle);
    await store.db.transaction().execute((trx) =>
      logCaseLoad(
        trx,
        bundle.manifest.id,
        "inserted",
        RECORD_KINDS.map((kind) => ({ kind, insert: bundle.records[kind], update: [], remove: [] })),
      ),
    );
    expect(await encryptStoredIdentities(store.db, key, "test")).toBe(2);
    expect(await encryptStoredIdentities(store.db, key, "test")).toBe(0);
    await checkpointLog(store.db, signer, signer.name);
    expect((await verifyLog(store.db, signer)).problems).toEqual([]);
    const rows = await store.db.selectFrom("source_identities").selectAll().orderBy("field").execute();
    expect(rows.map((r) => r.value.startsWith("enc:v1:"))).toEqual([true, true]);
    expect(decryptIdentityRows(key, rows).map((r) => r.value)).toEqual([CANARY.contact, CANARY.name]);
    // A value swapped between fields does not decrypt.
    const swapped = [{ ...rows[0]!, value: rows[1]!.value }];
    expect(() => decryptIdentityRows(key, swapped)).toThrow(FieldCipherError);
    await store.close();
    // Encrypting after the fact leaves the old plaintext in SQLite's free pages until they are overwritten
    // (measured: the name canary was still in the file here before VACUUM, without secure_delete). That is
    // why writes must encrypt from the start, and why this path ends with VACUUM.
    const raw = new BetterSqlite3(path);
    raw.exec("VACUUM");
    raw.close();
    const file = readFileSync(path);
    expect(file.includes(CANARY.name)).toBe(false);
    expect(file.includes(CANARY.contact)).toBe(false);
  });

  it("passes already-encrypted values and empty input through", () => {
    const rows = encryptIdentityRows(key, [{ case_id: "c", source_id: "s", field: "name", value: "x" }]);
    expect(encryptIdentityRows(key, rows)).toEqual(rows);
    expect(encryptIdentityRows(key, [])).toEqual([]);
  });
});
