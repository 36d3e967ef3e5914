// Direct edits of the database behind the application's back: `tocsin log verify` must find and name each one.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_KINDS } from "../../src/domain/index.js";
import { runCli } from "../../src/cli/run-cli.js";
import type { CliContext } from "../../src/cli/context.js";
import { verifyReceipt } from "../../src/integrity/receipt.js";
import { encodeVerifierKey } from "../../src/integrity/signed-note.js";
import { generateLogKey } from "../../src/integrity/log-key.file.js";
import { loadCase, openStore } from "../../src/storage/index.js";
import { checkpointLog, verifyLog } from "../../src/storage/log/index.js";
import { syntheticBundle } from "../storage/fixtures.js";
import { openTestStore } from "../storage/store-targets.js";

const dir = mkdtempSync(join(tmpdir(), "tocsin-tamper-"));
const pristine = join(dir, "pristine.db");
const keyFile = join(dir, "log.key");
const signer = generateLogKey(keyFile, "tocsin.test/log");
const bundle = syntheticBundle();
const caseId = bundle.manifest.id;

function ctxFor(): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const ctx: CliContext = {
    io: { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false },
    defaultDb: join(dir, "unused.db"),
    defaultPort: 0,
    packageRoot: process.cwd(),
    env: {},
    setExitCode: (c) => {
      code = Math.max(code, c);
    },
    exitCode: () => code,
    today: () => "2031-06-01",
  };
  return { ctx, out, err };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { ctx, out, err } = ctxFor();
  const code = await runCli(argv, ctx);
  return { code, out: out.join(""), err: err.join("") };
}

/** A fresh copy of the logged, checkpointed store to tamper with. */
function copy(name: string): string {
  const p = join(dir, `${name}.db`);
  copyFileSync(pristine, p);
  return p;
}

function tamper(path: string, sql: string, ...params: unknown[]): void {
  const db = new BetterSqlite3(path);
  db.prepare(sql).run(...params);
  db.close();
}

beforeAll(async () => {
  const store = await openTestStore(pristine);
  // loadCase logs every change in its own transaction (one leaf for the case, one per record).
  await loadCase(store, bundle, { loadedAt: "2031-05-01T00:00:00.000Z", actor: "test" });
  await checkpointLog(store.db, signer, signer.name, new Date("2031-05-01T00:00:01Z"));
  await store.close();
});

afterAll(() => undefined);

describe("log verify against direct database edits", () => {
  it("verifies an untouched store (exit 0) with every record logged", async () => {
    const store = await openStore(pristine);
    const report = await verifyLog(store.db, signer);
    await store.close();
    const total = RECORD_KINDS.reduce((n, k) => n + bundle.records[k].length, 0);
    expect(report).toMatchObject({ ok: true, leaves: total + 1, checkpoints: 1, problems: [], warnings: [] });
    const r = await cli("log", "verify", "--db", pristine, "--key-file", keyFile);
    expect(r.code).toBe(0);
    expect(r.err).toContain("log verifies");
    const j = await cli("log", "verify", "--db", pristine, "--key-file", keyFile, "--json");
    expect(JSON.parse(j.out)).toMatchObject({
      ok: true,
      leaves: total + 1,
      problems: [],
      heldCheckpoints: [],
    });
  });

  it("names a record whose body was updated, one deleted, one inserted, and a changed source identity", async () => {
    const db = copy("rows");
    tamper(
      db,
      "UPDATE incidents SET body = json_set(body, '$.notes', 'forged') WHERE id = (SELECT min(id) FROM incidents)",
    );
    tamper(db, "DELETE FROM statements WHERE id = (SELECT min(id) FROM statements)");
    tamper(
      db,
      "INSERT INTO protected_groups SELECT case_id, 'forged-group', occurred_from, occurred_to, precision, known_at, label, label_search, content_hash, body, kind, name FROM protected_groups LIMIT 1",
    );
    tamper(
      db,
      "UPDATE source_identities SET value = 'someone else' WHERE source_id = 'src-informant' AND field = 'name'",
    );
    tamper(
      db,
      // By key: citations is a WITHOUT ROWID table on SQLite (migration 0300).
      "UPDATE citations SET locator = 'p. 999' WHERE record_kind = 'actor' AND seq = 0 AND record_id = (SELECT min(record_id) FROM citations WHERE record_kind = 'actor')",
    );
    const store = await openStore(db);
    const incident = await store.db
      .selectFrom("incidents")
      .select("id")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const report = await verifyLog(store.db, signer);
    await store.close();
    const named = report.problems.map((p) => `${p.code} ${p.item}`);
    expect(named).toContain(`ROW_CHANGED incidents:${caseId}/${incident.id}`);
    expect(named).toContain(`ROW_CHANGED sources:${caseId}/src-informant`);
    expect(named).toContain(`ROW_UNLOGGED protected_groups:${caseId}/forged-group`);
    expect(named.filter((n) => n.startsWith("ROW_MISSING statements:"))).toHaveLength(1);
    expect(named.filter((n) => n.startsWith("ROW_CHANGED actors:"))).toHaveLength(1);
    expect(report.problems).toHaveLength(5);
    // The messages name ids, never a protected identity.
    expect(JSON.stringify(report)).not.toContain("someone else");
    const r = await cli("log", "verify", "--db", db, "--key-file", keyFile);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`TAMPERED incidents:${caseId}/${incident.id}`);
    expect(r.err).toContain("5 problem(s) found");
  });

  it("names an altered leaf, a deleted leaf, a rewritten leaf+hash, and a forged checkpoint", async () => {
    const altered = copy("leaf-data");
    tamper(
      altered,
      "UPDATE log_leaves SET leaf_data = replace(leaf_data, '\"test\"', '\"mallory\"') WHERE leaf_index = 3",
    );
    let s = await openStore(altered);
    expect((await verifyLog(s.db, signer)).problems.map((p) => `${p.code} ${p.item}`)).toEqual([
      "LEAF_ALTERED log leaf #3",
    ]);
    await s.close();

    const rewritten = copy("leaf-both");
    const a = new BetterSqlite3(rewritten);
    const leaf = a.prepare("SELECT leaf_data FROM log_leaves WHERE leaf_index = 5").get() as {
      leaf_data: string;
    };
    const forged = leaf.leaf_data.replace('"test"', '"mallory"');
    const { leafHash } = await import("../../src/integrity/merkle-hash.js");
    a.prepare("UPDATE log_leaves SET leaf_data = ?, leaf_hash = ? WHERE leaf_index = 5").run(
      forged,
      leafHash(Buffer.from(forged)).toString("base64"),
    );
    a.close();
    s = await openStore(rewritten);
    const rep = await verifyLog(s.db, signer);
    await s.close();
    expect(rep.problems.map((p) => p.code)).toEqual(["CHECKPOINT_ROOT_MISMATCH"]);
    expect(rep.problems[0]?.message).toContain("#0..#");

    const removed = copy("leaf-gone");
    tamper(removed, "DELETE FROM log_leaves WHERE leaf_index = 7");
    s = await openStore(removed);
    const rem = await verifyLog(s.db, signer);
    await s.close();
    expect(rem.problems.map((p) => `${p.code} ${p.item}`)).toContain("LEAF_MISSING log leaf #7");
    expect(rem.problems.map((p) => p.code)).toContain("CHECKPOINT_ROOT_MISMATCH");

    const truncated = copy("truncated");
    tamper(truncated, "DELETE FROM log_leaves WHERE leaf_index = (SELECT max(leaf_index) FROM log_leaves)");
    s = await openStore(truncated);
    expect((await verifyLog(s.db, signer)).problems.map((p) => p.code)).toContain("LOG_TRUNCATED");
    await s.close();

    const sig = copy("checkpoint");
    tamper(
      sig,
      "UPDATE log_checkpoints SET checkpoint = replace(checkpoint, 'tocsin.test/log\n', 'tocsin.evil/log\n')",
    );
    s = await openStore(sig);
    expect((await verifyLog(s.db, signer)).problems.map((p) => `${p.code} ${p.item}`)).toEqual([
      expect.stringMatching(/^CHECKPOINT_SIGNATURE_INVALID checkpoint at size \d+$/u),
    ]);
    await s.close();
  });

  it("detects rewritten history against a checkpoint exported earlier (--against)", async () => {
    const db = copy("history");
    const exported = await cli("log", "checkpoint", "--db", db, "--key-file", keyFile);
    expect(exported.code).toBe(0);
    const held = join(dir, "held.checkpoint");
    writeFileSync(held, exported.out);
    expect((await cli("log", "verify", "--db", db, "--key-file", keyFile, "--against", held)).code).toBe(0);
    // An insider with the key rewrites a leaf and re-signs a fresh checkpoint: the local log then looks clean…
    const b = new BetterSqlite3(db);
    const { leafHash } = await import("../../src/integrity/merkle-hash.js");
    const row = b.prepare("SELECT leaf_data FROM log_leaves WHERE leaf_index = 2").get() as {
      leaf_data: string;
    };
    const forged = row.leaf_data.replace('"test"', '"mallory"');
    b.prepare("UPDATE log_leaves SET leaf_data = ?, leaf_hash = ? WHERE leaf_index = 2").run(
      forged,
      leafHash(Buffer.from(forged)).toString("base64"),
    );
    b.prepare("DELETE FROM log_checkpoints").run();
    b.close();
    expect((await cli("log", "checkpoint", "--db", db, "--key-file", keyFile)).code).toBe(0);
    expect((await cli("log", "verify", "--db", db, "--key-file", keyFile)).code).toBe(0);
    // …but not against the checkpoint someone else kept.
    const r = await cli("log", "verify", "--db", db, "--key-file", keyFile, "--against", held);
    expect(r.code).toBe(1);
    expect(r.out).toContain("history was rewritten");
  });

  it("issues a receipt for a record that verifies offline, and refuses an unknown id", async () => {
    const r = await cli("log", "receipt", "src-informant", "--db", pristine, "--key-file", keyFile);
    expect(r.code).toBe(0);
    const receipt = JSON.parse(r.out);
    expect(verifyReceipt(receipt, encodeVerifierKey(signer), "tocsin.test/log")).toEqual([]);
    expect(receipt.leafData).toContain('"table":"sources"');
    expect(receipt.leafData).not.toContain("CANARY");
    expect(
      (await cli("log", "receipt", "no-such-record", "--db", pristine, "--key-file", keyFile)).code,
    ).toBe(2);
    const c = await cli("log", "consistency", "0", "--db", pristine, "--key-file", keyFile);
    expect(c.code).toBe(0);
  });
});
