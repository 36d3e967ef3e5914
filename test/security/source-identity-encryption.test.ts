// Source identities at rest: encrypted in the database file, decryptable only with the key and only in place;
// a store written before encryption (or before the sealed fields) is brought up to it in one logged step.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { RECORD_KINDS } from "../../src/domain/index.js";
import { generateLogKey } from "../../src/integrity/log-key.file.js";
import { FieldCipherError, parseFieldKey } from "../../src/security/field-cipher.js";
import { sql } from "kysely";
import { loadCase, openStore, readCase } from "../../src/storage/index.js";
import { canonicalJson, sha256Hex } from "../../src/storage/records/canonical-json.js";
import type { SourceIdentityRow } from "../../src/storage/records/source.table.js";
import {
  decryptIdentityRows,
  encryptIdentityRows,
  encryptStoredIdentities,
} from "../../src/storage/confidential/index.js";
import { encryptingCodec } from "../../src/storage/keys/index.js";
import { checkpointLog, logCaseLoad, verifyLog } from "../../src/storage/log/index.js";
import { CANARY, informant, syntheticBundle } from "../storage/fixtures.js";

const key = parseFieldKey(Buffer.alloc(32, 42).toString("base64"));

/** What a store written before encryption was on stored as given (no such codec exists in src: test only). */
const STORED_AS_GIVEN = {
  encode: (rows: readonly SourceIdentityRow[]) => [...rows],
  decode: (rows: readonly SourceIdentityRow[]) => [...rows],
};

describe("source identity encryption at rest", () => {
  it("encrypts and seals a store written before encryption, keeps the log verifying, leaves no canary in the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-sid-"));
    const path = join(dir, "s.db");
    const signer = generateLogKey(join(dir, "log.key"), "tocsin.test/log");
    const bundle = syntheticBundle();
    const store = await openStore(path, { identityCodec: STORED_AS_GIVEN });
    await loadCase(store, bundle);
    // Rewrite the informant's rows as the earlier mapper left them: full body, locators, identity only.
    const { protectedIdentity: _p, ...full } = informant;
    const body = canonicalJson(full);
    await sql`update sources set body = ${body}, title = ${informant.title}, content_hash = ${sha256Hex(body)}
              where id = ${informant.id}`.execute(store.db);
    await sql`delete from source_identities where field like 'source.%'`.execute(store.db);
    await sql`update citations set locator = 'annex 2' where record_kind = 'source' and record_id = ${informant.id}`.execute(
      store.db,
    );
    await store.db.transaction().execute((trx) =>
      logCaseLoad(
        trx,
        bundle.manifest.id,
        "inserted",
        RECORD_KINDS.map((kind) => ({ kind, insert: bundle.records[kind], update: [], remove: [] })),
      ),
    );
    // 2 identity values encrypted in place, 2 sealed fields (title, own citations) moved out of the body.
    expect(await encryptStoredIdentities(store.db, key, "test")).toBe(4);
    expect(await encryptStoredIdentities(store.db, key, "test")).toBe(0);
    await checkpointLog(store.db, signer, signer.name);
    expect((await verifyLog(store.db, signer)).problems).toEqual([]);
    const rows = await store.db.selectFrom("source_identities").selectAll().orderBy("field").execute();
    expect(rows.map((r) => r.value.startsWith("enc:v1:"))).toEqual([true, true, true, true]);
    expect(decryptIdentityRows(key, rows).map((r) => [r.field, r.value])).toEqual([
      ["contact", CANARY.contact],
      ["name", CANARY.name],
      ["source.citations", '[{"locator":"annex 2","source":"src-report"}]'],
      ["source.title", '"Confidential informant"'],
    ]);
    // A value swapped between fields does not decrypt.
    const swapped = [{ ...rows[0]!, value: rows[1]!.value }];
    expect(() => decryptIdentityRows(key, swapped)).toThrow(FieldCipherError);
    await store.close();
    // With the key, the sealed store reads back exactly what was loaded, and a reload changes nothing.
    const keyed = await openStore(path, { identityCodec: encryptingCodec(key) });
    expect(await readCase(keyed, bundle.manifest.id, { includeProtected: true })).toEqual(bundle);
    expect((await loadCase(keyed, bundle)).changed).toBe(false);
    await keyed.close();
    // Encrypting after the fact leaves the old plaintext in SQLite's free pages until they are overwritten
    // (measured: the name canary was still in the file here before VACUUM, without secure_delete). That is
    // why writes must encrypt from the start, and why this path ends with VACUUM.
    const raw = new BetterSqlite3(path);
    raw.exec("VACUUM");
    raw.close();
    const file = readFileSync(path);
    for (const secret of [CANARY.name, CANARY.contact, "annex 2", "Confidential informant"])
      expect([secret, file.includes(secret)]).toEqual([secret, false]);
  });

  it("passes already-encrypted values and empty input through", () => {
    const rows = encryptIdentityRows(key, [{ case_id: "c", source_id: "s", field: "name", value: "x" }]);
    expect(encryptIdentityRows(key, rows)).toEqual(rows);
    expect(encryptIdentityRows(key, [])).toEqual([]);
  });
});
