// Crash safety of imports: `tocsin import ucdp-ged` of a 100,000-row file is killed with SIGKILL at random
// moments, 20 times, into one store (each run resumes the ones before). After each kill: `PRAGMA
// integrity_check` is ok, every row acknowledged on stderr (`committed rows N`, printed after the batch's
// transaction committed) is in the store, and `tocsin log verify` exits 0. Then the import runs to the end:
// exactly the file's rows, once each; a re-import changes nothing and adds no log leaf.
// TOCSIN_IMPORT_CRASH_TRIALS sets the number of trials (default 20), TOCSIN_IMPORT_CRASH_ROWS the rows (100,000).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, prng } from "../../bench/import-data.generator.js";
import { installFieldKey, installLogKey } from "../../src/storage/trust/index.js";
import { ROOT } from "../http/http-fixture.js";

const TRIALS = Number(process.env.TOCSIN_IMPORT_CRASH_TRIALS ?? 20);
const ROWS = Number(process.env.TOCSIN_IMPORT_CRASH_ROWS ?? 100_000);
const BIN = join(ROOT, "bin", "tocsin.js");
const CASE = "import-ucdp-ged";
const ENV = { ...process.env, TZ: "UTC", TOCSIN_DB: "" };

let dir = "";
let file = "";
let db = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tocsin-import-crash-"));
  file = join(dir, "ged.csv");
  db = join(dir, "import-crash.db");
  await generate("ucdp-ged", file, ROWS, 8);
  // The install's keys exist before the first kill (a kill while creating them is not what this measures).
  installFieldKey(db);
  installLogKey(db);
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Run the import and SIGKILL it after `killAfterMs`; resolves with the highest acknowledged row count. */
function importAndKill(killAfterMs: number): Promise<{ acknowledged: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "import", "ucdp-ged", file, "--db", db, "--progress-lines"], {
      cwd: ROOT,
      env: ENV,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      // Only whole lines count: a line cut by the kill acknowledges nothing.
      const counts = [...err.matchAll(/^committed rows (\d+)\n/gm)].map((m) => Number(m[1]));
      resolve({ acknowledged: Math.max(0, ...counts), killed: signal === "SIGKILL" });
    });
  });
}

function inspect(): { integrity: string; incidents: number; distinct: number; leaves: number } {
  const raw = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
  try {
    const integrity = (raw.prepare("PRAGMA integrity_check").get() as { integrity_check: string })
      .integrity_check;
    const has = (t: string) =>
      raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
    if (!has("incidents")) return { integrity, incidents: 0, distinct: 0, leaves: 0 };
    const { n, d } = raw
      .prepare("SELECT count(*) AS n, count(DISTINCT id) AS d FROM incidents WHERE case_id = ?")
      .get(CASE) as { n: number; d: number };
    const leaves = has("log_leaves")
      ? (raw.prepare("SELECT count(*) AS n FROM log_leaves").get() as { n: number }).n
      : 0;
    return { integrity, incidents: n, distinct: d, leaves };
  } finally {
    raw.close();
  }
}

function verifyExit(): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, "log", "verify", "--db", db], { cwd: ROOT, env: ENV });
  return { status: r.status, out: `${r.stdout.toString()}${r.stderr.toString()}` };
}

function importToEnd(): { status: number | null; report: Record<string, unknown> } {
  const r = spawnSync(process.execPath, [BIN, "import", "ucdp-ged", file, "--db", db, "--json"], {
    cwd: ROOT,
    env: ENV,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, report: JSON.parse(r.stdout.toString()) as Record<string, unknown> };
}

describe(`kill -9 during a ${ROWS}-row import`, () => {
  it(`loses no acknowledged row, stays consistent and verified over ${TRIALS} kills, resumes without duplicates`, async () => {
    const t0 = Date.now();
    const random = prng(20_811);
    const problems: string[] = [];
    let acknowledged = 0;
    let beforeFirstCommit = 0;
    let killed = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // Start-up takes a few hundred ms, so the earliest kills land before the first batch commits.
      const r = await importAndKill(Math.floor(150 + random() * 2_350));
      if (r.killed) killed += 1;
      if (r.acknowledged === 0) beforeFirstCommit += 1;
      acknowledged = Math.max(acknowledged, r.acknowledged);
      const s = inspect();
      if (s.integrity !== "ok") problems.push(`trial ${trial}: integrity_check ${s.integrity}`);
      if (s.incidents < acknowledged)
        problems.push(`trial ${trial}: ${s.incidents} incidents < ${acknowledged} acknowledged rows`);
      if (s.distinct !== s.incidents) problems.push(`trial ${trial}: duplicate incident ids`);
      const v = verifyExit();
      if (v.status !== 0)
        problems.push(`trial ${trial}: log verify exit ${v.status}: ${v.out.slice(0, 300)}`);
    }
    const afterKills = inspect();

    // Resume to the end: every row of the file exactly once, nothing rejected or skipped.
    const done = importToEnd();
    expect(done.status).toBe(0);
    expect(done.report.read).toBe(ROWS);
    expect(done.report.rejected).toBe(0);
    expect(done.report.skipped).toBe(0);
    const full = inspect();
    expect(full.integrity).toBe("ok");
    expect(full.incidents).toBe(ROWS);
    expect(full.distinct).toBe(ROWS);
    expect(verifyExit().status).toBe(0);

    // Importing again changes nothing and logs nothing.
    const again = importToEnd();
    expect(again.status).toBe(0);
    expect(again).toMatchObject({
      report: { read: ROWS, imported: 0, updated: 0, deleted: 0, unchanged: ROWS },
    });
    const after = inspect();
    expect(after.incidents).toBe(ROWS);
    expect(after.leaves).toBe(full.leaves);
    expect(verifyExit().status).toBe(0);

    console.info(
      `[import-crash] ${TRIALS} kills (${killed} by SIGKILL) of a ${ROWS}-row import: ${beforeFirstCommit} before any ` +
        `acknowledged commit, highest acknowledged ${acknowledged} rows, ${afterKills.incidents} stored after the ` +
        `kills; resumed to ${full.incidents}, re-import unchanged ${String(again.report.unchanged)}; ` +
        `${problems.length} problems; ${Date.now() - t0} ms`,
    );
    expect(problems).toEqual([]);
    // The kills must have hit both before and after commits to mean anything.
    expect(beforeFirstCommit).toBeGreaterThan(0);
    expect(acknowledged).toBeGreaterThan(0);
  }, 300_000);
});
