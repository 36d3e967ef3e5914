// The trust wiring of the CLI: a fresh install generates its own keys (0600, beside the store, none by
// default), every write is logged and checkpointed, `log verify` passes right after `demo --no-serve`, a second
// load changes nothing, identities are ciphertext on disk, and `backup`/`restore` are verified by the log.
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ROOT } from "../http/http-fixture.js";
import { runInProcess } from "../cli/run-in-process.js";

async function cli(db: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runInProcess(argv, { defaultDb: db, packageRoot: ROOT, today: "2031-06-01" });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

function count(db: string, sql: string): number {
  const raw = new BetterSqlite3(db, { readonly: true });
  const n = (raw.prepare(sql).get() as { n: number }).n;
  raw.close();
  return n;
}

describe("CLI trust wiring", () => {
  it("demo on a fresh store: keys created 0600, every write logged and checkpointed, log verify exit 0, reload idempotent", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-clitrust-"));
    const db = join(dir, "t.db");
    expect(existsSync(`${db}.keys`)).toBe(false);
    const first = await cli(db, "demo", "--no-serve", "--json");
    expect(first.code).toBe(0);
    for (const k of ["log.key", "field.key"]) {
      const mode = statSync(join(`${db}.keys`, k)).mode & 0o777;
      expect([k, mode]).toEqual([k, 0o600]);
    }
    expect(statSync(`${db}.keys`).mode & 0o077).toBe(0);
    const leaves = count(db, "SELECT count(*) AS n FROM log_leaves");
    const inserted = (JSON.parse(first.out) as { store: { load: { totals: { inserted: number } } } }).store
      .load.totals.inserted;
    // One per record and one for the case; the demo's stored alerts add their own `alert` leaves.
    expect(count(db, "SELECT count(*) AS n FROM log_leaves WHERE table_name <> 'alerts'")).toBe(inserted + 1);
    expect(count(db, "SELECT max(tree_size) AS n FROM log_checkpoints")).toBe(leaves);
    expect(count(db, "SELECT count(*) AS n FROM source_identities WHERE value NOT LIKE 'enc:v1:%'")).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM source_identities")).toBeGreaterThan(0);

    const verify = await cli(db, "log", "verify", "--db", db);
    expect([verify.code, verify.out]).toEqual([0, ""]);
    expect(verify.err).toContain("log verifies");
    expect(verify.err).not.toContain("warning");

    const second = await cli(db, "demo", "--no-serve", "--json");
    expect(second.code).toBe(0);
    expect(
      (JSON.parse(second.out) as { store: { load: { totals: Record<string, number> } } }).store.load.totals,
    ).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(count(db, "SELECT count(*) AS n FROM log_leaves")).toBe(leaves);
    expect((await cli(db, "log", "verify", "--db", db)).code).toBe(0);

    // `log init` never replaces the key the first write created.
    const init = await cli(db, "log", "init", "--db", db);
    expect(init.code).toBe(0);
    expect(init.err).toContain("exists already");
    expect((await cli(db, "log", "verify", "--db", db)).code).toBe(0);
  }, 60_000);

  it("a writing command signs leaves a killed command left unsigned, even with nothing new to write; a reading one does not", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-clitrust-"));
    const db = join(dir, "t.db");
    expect((await cli(db, "demo", "--no-serve", "--json")).code).toBe(0);
    const leaves = count(db, "SELECT count(*) AS n FROM log_leaves");
    // A command killed after its last commit and before its checkpoint leaves exactly this: leaves, no checkpoint.
    const raw = new BetterSqlite3(db);
    raw.prepare("DELETE FROM log_checkpoints").run();
    raw.close();
    const unsigned = await cli(db, "log", "verify", "--db", db);
    expect(unsigned.code).toBe(0);
    expect(unsigned.err).toContain("warning");

    expect((await cli(db, "timeline", "--case", "rwanda-1990-1994", "--db", db)).code).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM log_checkpoints")).toBe(0);

    const again = await cli(db, "case", "load", join(ROOT, "cases/rwanda-1990-1994"), "--db", db, "--json");
    expect(again.code).toBe(0);
    expect(count(db, "SELECT count(*) AS n FROM log_leaves")).toBe(leaves);
    expect(count(db, "SELECT max(tree_size) AS n FROM log_checkpoints")).toBe(leaves);
    const signed = await cli(db, "log", "verify", "--db", db);
    expect(signed.code).toBe(0);
    expect(signed.err).not.toContain("warning");
  }, 60_000);

  it("backup copies with the online API and verifies the copy; restore refuses a tampered backup", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-backup-"));
    const db = join(dir, "t.db");
    expect((await cli(db, "demo", "--no-serve", "--db", db)).code).toBe(0);
    const backup = join(dir, "b.db");
    const b = await cli(db, "backup", "--db", db, "--out", backup);
    expect(b.code).toBe(0);
    expect(b.err).toContain("integrity_check ok; log verifies");
    expect(b.err).not.toContain("signatures were not checked");
    expect((await cli(db, "backup", "--db", db, "--out", backup)).code).toBe(2); // never overwrites

    const target = join(dir, "restored.db");
    const keyFile = join(`${db}.keys`, "log.key");
    const r = await cli(db, "restore", "--from", backup, "--db", target, "--key-file", keyFile);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`restored ${target}: integrity_check ok; log verifies`);
    expect(count(target, "SELECT count(*) AS n FROM incidents")).toBe(
      count(db, "SELECT count(*) AS n FROM incidents"),
    );
    expect((await cli(db, "restore", "--from", backup, "--db", target)).code).toBe(2); // exists: needs --force

    // A backup edited behind the log's back is named and not restored.
    const raw = new BetterSqlite3(backup);
    raw.prepare("UPDATE incidents SET body = json_set(body, '$.notes', 'forged') WHERE rowid = 1").run();
    raw.close();
    const bad = await cli(db, "restore", "--from", backup, "--db", join(dir, "r2.db"), "--key-file", keyFile);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^TAMPERED incidents:/mu);
    expect(existsSync(join(dir, "r2.db"))).toBe(false);
  }, 60_000);
});
