// Crash safety of imports: `tocsin import ucdp-ged` of a 100,000-row file is killed with SIGKILL at random
// moments, 20 times, into one store (each run resumes the ones before). After each kill: the store is sound,
// every row acknowledged on stderr (`committed rows N`, printed after the batch's transaction committed) is in
// the store, no (case, id) is there twice, and `tocsin log verify` — given the log's pinned verifier key, so
// every checkpoint signature is checked, not only the tree — exits 0 and says the signatures were checked. Then
// the import runs to the end: exactly the file's rows, once each; a re-import changes nothing and adds no leaf.
// On SQLite "sound" is `PRAGMA integrity_check`. With TOCSIN_TEST_PG the same trials run against a fresh
// PostgreSQL schema, where the killed process is only a client (the server owning the files is never killed,
// so there is no file check to run): "sound" is then "the server ended every session of the killed client"
// (its open transaction rolled back, its locks released), besides the row, uniqueness and log checks.
// TOCSIN_IMPORT_CRASH_TRIALS sets the number of trials (default 20), TOCSIN_IMPORT_CRASH_ROWS the rows (100,000).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, prng } from "../../bench/import-data.generator.js";
import { encodeVerifierKey } from "../../src/integrity/signed-note.js";
import {
  fieldKeyFileOf,
  installFieldKey,
  installLogKey,
  logKeyFileOf,
} from "../../src/storage/keys/index.js";
import { ROOT } from "../http/http-fixture.js";
import { freshPgSchema, noticePgSkipped, TEST_PG, TRUST_DIALECTS } from "./trust-fixture.js";
import { killedClientGone } from "./pg-killed-client.js";

const TRIALS = Number(process.env.TOCSIN_IMPORT_CRASH_TRIALS ?? 20);
const ROWS = Number(process.env.TOCSIN_IMPORT_CRASH_ROWS ?? 100_000);
const BIN = join(ROOT, "bin", "tocsin.js");
const CASE = "import-ucdp-ged";
noticePgSkipped("import-crash");

let dir = "";
let file = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tocsin-import-crash-"));
  file = join(dir, "ged.csv");
  await generate("ucdp-ged", file, ROWS, 8);
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What a trial looks at in the store, read behind the application's back. */
interface Snapshot {
  /** SQLite: `PRAGMA integrity_check`. PostgreSQL: "ok" when no session of the killed client is left. */
  sound: string;
  incidents: number;
  distinct: number;
  leaves: number;
}

/** One store under test: where it is, the CLI's environment, and how to inspect it. */
interface ImportTarget {
  readonly db: string;
  readonly env: NodeJS.ProcessEnv;
  inspect(): Promise<Snapshot>;
  close(): Promise<void>;
}

function sqliteImportTarget(keyBase: string): ImportTarget {
  const db = keyBase;
  return {
    db,
    env: {},
    async inspect() {
      // A kill before the import created the file leaves nothing to check (and nothing acknowledged).
      if (!existsSync(db)) return { sound: "ok", incidents: 0, distinct: 0, leaves: 0 };
      const raw = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
      try {
        const sound = (raw.prepare("PRAGMA integrity_check").get() as { integrity_check: string })
          .integrity_check;
        const has = (t: string) =>
          raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
        if (!has("incidents")) return { sound, incidents: 0, distinct: 0, leaves: 0 };
        const { n, d } = raw
          .prepare("SELECT count(*) AS n, count(DISTINCT id) AS d FROM incidents WHERE case_id = ?")
          .get(CASE) as { n: number; d: number };
        const leaves = has("log_leaves")
          ? (raw.prepare("SELECT count(*) AS n FROM log_leaves").get() as { n: number }).n
          : 0;
        return { sound, incidents: n, distinct: d, leaves };
      } finally {
        raw.close();
      }
    },
    close: async () => undefined,
  };
}

async function postgresImportTarget(keyBase: string): Promise<ImportTarget> {
  const { url, drop } = await freshPgSchema();
  const schema = new URL(url).searchParams.get("schema") as string;
  // The CLI's sessions carry this name, so the check below finds exactly the killed client's sessions.
  const appName = `tocsin-import-crash-${randomBytes(4).toString("hex")}`;
  const pool = new pg.Pool({ connectionString: TEST_PG, max: 1 });
  return {
    db: url,
    env: {
      PGAPPNAME: appName,
      TOCSIN_FIELD_KEY_FILE: fieldKeyFileOf(keyBase),
      TOCSIN_LOG_KEY_FILE: logKeyFileOf(keyBase),
    },
    async inspect() {
      const sound = await killedClientGone(pool, appName);
      const tables = await pool.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = $1",
        [schema],
      );
      const has = (t: string) => tables.rows.some((r) => r.table_name === t);
      if (!has("incidents")) return { sound, incidents: 0, distinct: 0, leaves: 0 };
      const c = await pool.query<{ n: string; d: string }>(
        `select count(*)::text as n, count(distinct id)::text as d from ${schema}.incidents where case_id = $1`,
        [CASE],
      );
      const leaves = has("log_leaves")
        ? Number(
            (await pool.query<{ n: string }>(`select count(*)::text as n from ${schema}.log_leaves`)).rows[0]
              ?.n,
          )
        : 0;
      return { sound, incidents: Number(c.rows[0]?.n), distinct: Number(c.rows[0]?.d), leaves };
    },
    async close() {
      await pool.end();
      await drop();
    },
  };
}

describe.each(TRUST_DIALECTS)("kill -9 during a large import on $dialect", ({ dialect, skip }) => {
  it.skipIf(skip)(
    `loses no acknowledged row of ${ROWS}, stays consistent and verified over ${TRIALS} kills, resumes without duplicates`,
    async () => {
      const t0 = Date.now();
      // The install's keys exist before the first kill (a kill while creating them is not what this measures);
      // they live in the temporary folder for either store.
      const keyBase = join(dir, `import-crash-${dialect}.db`);
      installFieldKey(keyBase);
      const verifierKey = encodeVerifierKey(installLogKey(keyBase));
      const target = dialect === "sqlite" ? sqliteImportTarget(keyBase) : await postgresImportTarget(keyBase);
      const env = { ...process.env, TZ: "UTC", TOCSIN_DB: "", ...target.env };

      /**
       * Run the import and SIGKILL it `killAfterMs` after its start or, with `afterCommits`, that long after it
       * acknowledged that many commits (so some kills land after a commit however slow the machine is);
       * resolves with the highest acknowledged row count.
       */
      const importAndKill = (killAfterMs: number, afterCommits = 0) =>
        new Promise<{ acknowledged: number; killed: boolean }>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [BIN, "import", "ucdp-ged", file, "--db", target.db, "--progress-lines"],
            { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] },
          );
          let err = "";
          let timer: NodeJS.Timeout | undefined;
          const arm = () => (timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs));
          child.stderr.on("data", (d: Buffer) => {
            err += d.toString();
            if (afterCommits > 0 && timer === undefined) {
              if ((err.match(/^committed rows \d+\n/gm) ?? []).length >= afterCommits) arm();
            }
          });
          if (afterCommits === 0) arm();
          child.on("error", reject);
          child.on("exit", (_code, signal) => {
            clearTimeout(timer);
            // Only whole lines count: a line cut by the kill acknowledges nothing.
            const counts = [...err.matchAll(/^committed rows (\d+)\n/gm)].map((m) => Number(m[1]));
            resolve({ acknowledged: Math.max(0, ...counts), killed: signal === "SIGKILL" });
          });
        });

      /** `tocsin log verify` with the pinned verifier key: its JSON report, or the failure. */
      const verify = () => {
        const r = spawnSync(
          process.execPath,
          [BIN, "log", "verify", "--db", target.db, "--public-key", verifierKey, "--json"],
          { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
        );
        let report: { ok?: boolean; signaturesChecked?: boolean; checkpoints?: number } = {};
        try {
          report = JSON.parse(r.stdout.toString()) as typeof report;
        } catch {
          // reported below through `status`
        }
        return { status: r.status, report, out: `${r.stdout.toString()}${r.stderr.toString()}` };
      };

      const importToEnd = () => {
        const r = spawnSync(
          process.execPath,
          [BIN, "import", "ucdp-ged", file, "--db", target.db, "--json"],
          {
            cwd: ROOT,
            env,
            maxBuffer: 64 * 1024 * 1024,
          },
        );
        try {
          return {
            status: r.status,
            report: JSON.parse(r.stdout.toString()) as Record<string, unknown>,
            stderr: r.stderr.toString().slice(0, 2000),
          };
        } catch {
          throw new Error(
            `import to the end printed no report (exit ${r.status}, signal ${r.signal}): ${r.stderr.toString().slice(0, 500)}`,
          );
        }
      };

      try {
        const random = prng(20_811);
        const problems: string[] = [];
        let acknowledged = 0;
        let beforeFirstCommit = 0;
        let killed = 0;
        // PostgreSQL commits each batch over the network and starts slower: a wider window reaches as far.
        const windowMs = dialect === "sqlite" ? 2_350 : 3_850;
        for (let trial = 0; trial < TRIALS; trial += 1) {
          // Start-up takes a few hundred ms, so the earliest timed kills land before the first batch commits; every
          // third kill waits for one to three acknowledged commits first, so some land after one even on a machine
          // so loaded that start-up outlasts the whole window.
          const afterCommits = trial % 3 === 2 ? 1 + Math.floor(random() * 3) : 0;
          const delay = afterCommits > 0 ? Math.floor(random() * 200) : Math.floor(150 + random() * windowMs);
          const r = await importAndKill(delay, afterCommits);
          if (r.killed) killed += 1;
          if (r.acknowledged === 0) beforeFirstCommit += 1;
          acknowledged = Math.max(acknowledged, r.acknowledged);
          const s = await target.inspect();
          if (s.sound !== "ok") problems.push(`trial ${trial}: ${s.sound}`);
          if (s.incidents < acknowledged)
            problems.push(`trial ${trial}: ${s.incidents} incidents < ${acknowledged} acknowledged rows`);
          if (s.distinct !== s.incidents) problems.push(`trial ${trial}: duplicate incident ids`);
          const v = verify();
          if (v.status !== 0 || v.report.signaturesChecked !== true)
            problems.push(
              `trial ${trial}: log verify exit ${v.status}, signatures checked ${String(v.report.signaturesChecked)}: ${v.out.slice(0, 300)}`,
            );
        }
        const afterKills = await target.inspect();

        // Resume to the end: every row of the file exactly once, nothing rejected or skipped.
        const done = importToEnd();
        // What the import said, when it did not finish (a resume refused after the kills has been seen once).
        expect(done.status, done.stderr).toBe(0);
        expect(done.report.read).toBe(ROWS);
        expect(done.report.rejected).toBe(0);
        expect(done.report.skipped).toBe(0);
        const full = await target.inspect();
        expect(full.sound).toBe("ok");
        expect(full.incidents).toBe(ROWS);
        expect(full.distinct).toBe(ROWS);
        const end = verify();
        expect(end.status).toBe(0);
        // The signatures were checked, over at least the checkpoint the finished import signed.
        expect(end.report).toMatchObject({ ok: true, signaturesChecked: true });
        expect(end.report.checkpoints).toBeGreaterThan(0);

        // Importing again changes nothing and logs nothing.
        const again = importToEnd();
        expect(again.status).toBe(0);
        expect(again).toMatchObject({
          report: { read: ROWS, imported: 0, updated: 0, deleted: 0, unchanged: ROWS },
        });
        const after = await target.inspect();
        expect(after.incidents).toBe(ROWS);
        expect(after.leaves).toBe(full.leaves);
        expect(verify()).toMatchObject({ status: 0, report: { ok: true, signaturesChecked: true } });

        console.info(
          `[import-crash] ${dialect}: ${TRIALS} kills (${killed} by SIGKILL) of a ${ROWS}-row import: ${beforeFirstCommit} before any ` +
            `acknowledged commit, highest acknowledged ${acknowledged} rows, ${afterKills.incidents} stored after the ` +
            `kills; resumed to ${full.incidents}, re-import unchanged ${String(again.report.unchanged)}; ` +
            `log verify with the verifier key after every kill; ${problems.length} problems; ${Date.now() - t0} ms`,
        );
        expect(problems).toEqual([]);
        // The kills must have hit both before and after commits to mean anything.
        expect(beforeFirstCommit).toBeGreaterThan(0);
        expect(acknowledged).toBeGreaterThan(0);
      } finally {
        await target.close();
      }
    },
    600_000,
  );
});
