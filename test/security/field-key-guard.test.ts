// A database copied without its key folder must not get a fresh field key silently: its ciphertext could never
// be read again and a new key would mix two keys in one store.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCase, openStore } from "../../src/storage/index.js";
import { StoreError } from "../../src/storage/store-error.js";
import { encryptingCodec, installFieldKey } from "../../src/storage/keys/install-keys.js";
import { syntheticBundle } from "../storage/fixtures.js";

const fresh = () => join(mkdtempSync(join(tmpdir(), "tocsin-keyguard-")), "s.db");

describe("field key guard", () => {
  it("refuses to generate a field key for a store that already holds encrypted identities", async () => {
    const db = fresh();
    const key = installFieldKey(db);
    const store = await openStore(db, { identityCodec: encryptingCodec(key) });
    await loadCase(store, syntheticBundle());
    await store.close();
    const keyText = readFileSync(join(`${db}.keys`, "field.key"), "utf8").trim();
    rmSync(`${db}.keys`, { recursive: true });

    let thrown: unknown;
    try {
      installFieldKey(db);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect(thrown).toMatchObject({ code: "STORE_UNSAFE" });
    const message = (thrown as Error).message;
    expect(message).toContain(join(`${db}.keys`, "field.key"));
    expect(message).not.toContain(keyText);
    // Nothing was created behind the refusal.
    expect(() => readFileSync(join(`${db}.keys`, "field.key"))).toThrow();
    // With the key given explicitly, the store opens again.
    expect(installFieldKey(db, { fieldKey: key.toString("base64") }).equals(key)).toBe(true);
  });

  it("still creates a key for a new store and for one without identities", async () => {
    expect(installFieldKey(fresh()).length).toBe(32);
    const db = fresh();
    const store = await openStore(db);
    await store.close();
    expect(installFieldKey(db).length).toBe(32);
  });
});
