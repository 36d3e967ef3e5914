// Dual control over revealing a confidential source: a second source-handler approves, the reveal is used once,
// every step is audited (without the identity) and logged (so the reveal history is tamper-evident).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signerFromSeed } from "../../src/integrity/signed-note.js";
import { parseFieldKey } from "../../src/security/field-cipher.js";
import type { Principal } from "../../src/security/principal.js";
import { loadCase, openStore, type Store } from "../../src/storage/index.js";
import { approveReveal, requestReveal, revealIdentity } from "../../src/storage/confidential/index.js";
import { encryptingCodec } from "../../src/storage/keys/index.js";
import { checkpointLog, verifyLog } from "../../src/storage/log/index.js";
import { CANARY, syntheticBundle } from "../storage/fixtures.js";

const key = parseFieldKey(Buffer.alloc(32, 9).toString("base64"));
const T = new Date("2031-05-01T10:00:00.000Z");
const later = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const handler = (id: string, secondFactor = true): Principal => ({
  userId: id,
  username: id,
  role: "source-handler",
  secondFactor,
  via: "session",
});
const sam = handler("u-sam");
const tom = handler("u-tom");
const viewer: Principal = {
  userId: "u-vic",
  username: "vic",
  role: "viewer",
  secondFactor: false,
  via: "session",
};
let store: Store;
let caseId: string;
let loadedRecords = 0;

beforeAll(async () => {
  store = await openStore(join(mkdtempSync(join(tmpdir(), "tocsin-reveal-")), "r.db"), {
    identityCodec: encryptingCodec(key),
  });
  const bundle = syntheticBundle();
  caseId = bundle.manifest.id;
  loadedRecords = Object.values(bundle.records).reduce((n, list) => n + list.length, 0);
  await loadCase(store, bundle);
});

afterAll(async () => {
  await store.close();
});

describe("dual-control reveal of a protected source", () => {
  it("refuses anyone but a source-handler with a second factor", async () => {
    await expect(
      requestReveal(store.db, viewer, caseId, "src-informant", "court disclosure order 12", T),
    ).rejects.toMatchObject({ code: "REVEAL_FORBIDDEN" });
    await expect(
      requestReveal(
        store.db,
        handler("u-sam", false),
        caseId,
        "src-informant",
        "court disclosure order 12",
        T,
      ),
    ).rejects.toMatchObject({
      code: "REVEAL_FORBIDDEN",
    });
    await expect(
      requestReveal(store.db, undefined, caseId, "src-informant", "court disclosure order 12", T),
    ).rejects.toMatchObject({ code: "REVEAL_FORBIDDEN" });
  });

  it("needs a second handler's approval, reveals once to the requester only, and expires", async () => {
    const id = await requestReveal(store.db, sam, caseId, "src-informant", "court disclosure order 12", T);
    await expect(revealIdentity(store.db, sam, id, key, T)).rejects.toMatchObject({
      code: "REVEAL_NOT_APPROVED",
    });
    await expect(approveReveal(store.db, sam, id, T)).rejects.toMatchObject({ code: "REVEAL_SELF_APPROVAL" });
    await approveReveal(store.db, tom, id, later(1));
    await expect(revealIdentity(store.db, tom, id, key, later(2))).rejects.toMatchObject({
      code: "REVEAL_NOT_FOUND",
    });
    // The protected identity and the sealed text fields (the title: the informant has no author, url, notes).
    expect(await revealIdentity(store.db, sam, id, key, later(2))).toEqual({
      name: CANARY.name,
      contact: CANARY.contact,
      title: "Confidential informant",
    });
    await expect(revealIdentity(store.db, sam, id, key, later(3))).rejects.toMatchObject({
      code: "REVEAL_USED",
    });

    const late = await requestReveal(
      store.db,
      sam,
      caseId,
      "src-informant",
      "second disclosure order",
      later(10),
    );
    await approveReveal(store.db, tom, late, later(11));
    await expect(revealIdentity(store.db, sam, late, key, later(27))).rejects.toMatchObject({
      code: "REVEAL_EXPIRED",
    });
    await expect(approveReveal(store.db, tom, "no-such-id", later(28))).rejects.toMatchObject({
      code: "REVEAL_NOT_FOUND",
    });
  });

  it("audits every step and refusal without the identity, and logs the reveal history tamper-evidently", async () => {
    const lines = (await store.db
      .selectFrom("audit_events" as never)
      .select("line" as never)
      .execute()) as { line: string }[];
    const text = lines.map((l) => l.line).join("\n");
    expect(text).not.toContain(CANARY.name);
    expect(text).not.toContain(CANARY.contact);
    const actions = lines.map(
      (l) =>
        (JSON.parse(l.line) as { action: string; outcome: string }).action +
        ":" +
        (JSON.parse(l.line) as { outcome: string }).outcome,
    );
    expect(actions.filter((a) => a === "source.reveal:ok")).toHaveLength(1);
    expect(actions.filter((a) => a === "source.reveal:denied")).toHaveLength(4);
    expect(actions.filter((a) => a === "source.reveal.request:denied")).toHaveLength(3);
    const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 2));
    await checkpointLog(store.db, signer, signer.name);
    const report = await verifyLog(store.db, signer);
    expect(report.problems).toEqual([]);
    // The load (one leaf for the case and one per record, encrypted from the start); request, approve, use;
    // request, approve.
    expect(report.leaves).toBe(1 + loadedRecords + 3 + 2);
  });

  it("lets exactly one of two concurrent reveals of one approval succeed", async () => {
    const id = await requestReveal(store.db, sam, caseId, "src-informant", "race check", later(40));
    await approveReveal(store.db, tom, id, later(41));
    const results = await Promise.allSettled([
      revealIdentity(store.db, sam, id, key, later(42)),
      revealIdentity(store.db, sam, id, key, later(42)),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ value: { name: CANARY.name, contact: CANARY.contact } });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ reason: { code: "REVEAL_USED" } });
    const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 2));
    expect((await verifyLog(store.db, signer)).problems).toEqual([]);
  });
});
