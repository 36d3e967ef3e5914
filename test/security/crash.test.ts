// Crash safety: `tocsin case load` of a large synthetic case is killed with SIGKILL at random moments. After
// each kill: the store is sound, the log verifies, an acknowledged load (its report was printed) is entirely
// there, an unacknowledged one is entirely absent or entirely there (never half), and resuming (loading again)
// completes it without a duplicate; loading once more changes nothing.
// On SQLite "sound" is `PRAGMA integrity_check` (the killed process was writing the file itself). With
// TOCSIN_TEST_PG the same trials run against a fresh PostgreSQL schema: the killed process is then only a
// client — the server, which owns the files, is never killed, so there is no file check to run. What replaces
// it: the server must end the killed client's session (no backend of it left, so its open transaction was
// rolled back and its locks released), and every (case, id) must be unique, besides the checks both share.
// TOCSIN_CRASH_TRIALS sets the number of trials (default 20) and TOCSIN_CRASH_RECORDS the copies (default 1000).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { readCaseFolder } from "../../src/casefiles/index.js";
import type { CaseBundle } from "../../src/domain/index.js";
import { loadCase, openStore } from "../../src/storage/index.js";
import {
  encryptingCodec,
  fieldKeyFileOf,
  installFieldKey,
  installLogKey,
  logKeyFileOf,
} from "../../src/storage/keys/index.js";
import { checkpointLog, verifyLog } from "../../src/storage/log/index.js";
import { CASE_ID, ROOT } from "../http/http-fixture.js";
import { freshPgSchema, noticePgSkipped, TEST_PG, TRUST_DIALECTS } from "./trust-fixture.js";
import { killedClientGone } from "./pg-killed-client.js";

const TRIALS = Number(process.env.TOCSIN_CRASH_TRIALS ?? 20);
const COPIES = Number(process.env.TOCSIN_CRASH_RECORDS ?? 1000);
noticePgSkipped("crash");

/** Two versions of a big case: every copied incident's notes and the title differ between them. */
function writeVersion(dir: string, version: "A" | "B"): void {
  cpSync(join(ROOT, "cases", CASE_ID), dir, { recursive: true });
  const incidents = JSON.parse(readFileSync(join(dir, "incidents.json"), "utf8")) as Record<
    string,
    unknown
  >[];
  const out = [...incidents];
  for (let i = 0; i < COPIES; i += 1) {
    const base = incidents[i % incidents.length] as Record<string, unknown>;
    out.push({
      ...base,
      id: `${String(base.id)}-copy-${i}`,
      notes: `synthetic copy ${i}, version ${version}`,
    });
  }
  writeFileSync(join(dir, "incidents.json"), JSON.stringify(out));
  const manifest = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as Record<string, unknown>;
  writeFileSync(
    join(dir, "case.json"),
    JSON.stringify({ ...manifest, title: `crash test version ${version}` }),
  );
}

/** Run `tocsin case load` and SIGKILL it after `killAfterMs`; resolves with what it printed. */
function loadAndKill(
  caseDir: string,
  db: string,
  env: Readonly<Record<string, string>>,
  killAfterMs: number,
): Promise<{ acknowledged: boolean; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "app", "main.ts"), "case", "load", caseDir, "--db", db, "--json"],
      {
        cwd: ROOT,
        env: { ...process.env, TZ: "UTC", TOCSIN_DB: "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", () => undefined);
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      // The report is printed only after the load's transaction committed: printed = acknowledged.
      resolve({ acknowledged: out.includes('"changed"'), killed: signal === "SIGKILL" });
    });
  });
}

/** What a trial looks at in the store, read behind the application's back. */
interface Snapshot {
  /** SQLite: `PRAGMA integrity_check`. PostgreSQL: "ok" when no backend of the killed client is left. */
  sound: string;
  title: string | undefined;
  a: number;
  b: number;
  incidents: number;
  distinct: number;
}

/** One store under test: where it is, the environment of the CLI, and how to inspect it. */
interface CrashTarget {
  readonly db: string;
  readonly env: Readonly<Record<string, string>>;
  inspect(): Promise<Snapshot>;
  close(): Promise<void>;
}

function sqliteCrashTarget(dir: string): CrashTarget {
  const db = join(dir, "crash.db");
  return {
    db,
    env: {},
    async inspect() {
      const raw = new BetterSqlite3(db, { readonly: true });
      try {
        const sound = (raw.prepare("PRAGMA integrity_check").get() as { integrity_check: string })
          .integrity_check;
        const title = (raw.prepare("SELECT title FROM cases").get() as { title: string } | undefined)?.title;
        const n = (v: string) =>
          (
            raw
              .prepare("SELECT count(*) AS n FROM incidents WHERE json_extract(body, '$.notes') LIKE ?")
              .get(`%version ${v}`) as { n: number }
          ).n;
        const { incidents, uniq } = raw
          .prepare(
            "SELECT count(*) AS incidents, count(DISTINCT case_id || '/' || id) AS uniq FROM incidents",
          )
          .get() as { incidents: number; uniq: number };
        return { sound, title, a: n("A"), b: n("B"), incidents, distinct: uniq };
      } finally {
        raw.close();
      }
    },
    close: async () => undefined,
  };
}

async function postgresCrashTarget(dir: string): Promise<CrashTarget> {
  const { url, drop } = await freshPgSchema();
  const schema = new URL(url).searchParams.get("schema") as string;
  // The CLI's sessions carry this name, so the check below finds exactly the killed client's backends.
  const appName = `tocsin-crash-${randomBytes(4).toString("hex")}`;
  const pool = new pg.Pool({ connectionString: TEST_PG, max: 1 });
  const keyBase = join(dir, "crash.db");
  return {
    db: url,
    env: {
      PGAPPNAME: appName,
      TOCSIN_FIELD_KEY_FILE: fieldKeyFileOf(keyBase),
      TOCSIN_LOG_KEY_FILE: logKeyFileOf(keyBase),
    },
    async inspect() {
      // The server notices the closed socket and ends the session, rolling back what it had open.
      const sound = await killedClientGone(pool, appName);
      const has = await pool.query(
        "select 1 from information_schema.tables where table_schema = $1 and table_name = 'incidents'",
        [schema],
      );
      if (has.rowCount === 0) return { sound, title: undefined, a: 0, b: 0, incidents: 0, distinct: 0 };
      const title = (await pool.query<{ title: string }>(`select title from ${schema}.cases`)).rows[0]?.title;
      const counts = await pool.query<{ a: string; b: string; incidents: string; uniq: string }>(
        `select count(*) filter (where (body::jsonb)->>'notes' like '%version A')::text as a,
                count(*) filter (where (body::jsonb)->>'notes' like '%version B')::text as b,
                count(*)::text as incidents,
                count(distinct (case_id, id))::text as uniq
           from ${schema}.incidents`,
      );
      const c = counts.rows[0];
      return {
        sound,
        title,
        a: Number(c?.a),
        b: Number(c?.b),
        incidents: Number(c?.incidents),
        distinct: Number(c?.uniq),
      };
    },
    async close() {
      await pool.end();
      await drop();
    },
  };
}

describe.each(TRUST_DIALECTS)("kill -9 during a large case load on $dialect", ({ dialect, skip }) => {
  it.skipIf(skip)(
    `keeps the store consistent, verified and complete over ${TRIALS} random kills`,
    async () => {
      const t0 = Date.now();
      const dir = mkdtempSync(join(tmpdir(), "tocsin-crash-"));
      const target = dialect === "sqlite" ? sqliteCrashTarget(dir) : await postgresCrashTarget(dir);
      try {
        const dirs = { A: join(dir, "case-A"), B: join(dir, "case-B") };
        writeVersion(dirs.A, "A");
        writeVersion(dirs.B, "B");
        const bundles: Record<"A" | "B", CaseBundle> = { A: undefined as never, B: undefined as never };
        for (const v of ["A", "B"] as const) {
          const r = await readCaseFolder(dirs[v]);
          if (!r.ok)
            throw new Error(`synthetic case ${v} is invalid: ${JSON.stringify(r.problems.slice(0, 2))}`);
          bundles[v] = r.bundle;
        }
        const total = Object.values(bundles.A.records).reduce((n, l) => n + l.length, 0);
        // The install's keys exist before the first kill (a kill while creating them is not what this
        // measures); they live in `dir` for either store.
        const keyBase = join(dir, "crash.db");
        const key = installFieldKey(keyBase);
        const signer = installLogKey(keyBase);
        const expectedIncidents = bundles.A.records.incident.length;

        // Calibrate: how long one full load that updates every copy takes. Kills land between 40% and 150% of
        // it: the first part is process start-up and validation, which writes nothing.
        expect((await loadAndKill(dirs.A, target.db, target.env, 120_000)).acknowledged).toBe(true);
        const c0 = Date.now();
        const full = await loadAndKill(dirs.B, target.db, target.env, 120_000);
        const fullMs = Date.now() - c0;
        expect(full.acknowledged).toBe(true);
        let current: "A" | "B" = "B";

        let seed = 20311;
        const random = () => {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          return seed / 2 ** 31;
        };
        const outcomes = { acknowledged: 0, rolledBack: 0, committedUnacknowledged: 0 };
        const problems: string[] = [];
        for (let trial = 0; trial < TRIALS; trial += 1) {
          const next: "A" | "B" = current === "A" ? "B" : "A";
          const r = await loadAndKill(
            dirs[next],
            target.db,
            target.env,
            Math.floor(fullMs * (0.4 + random() * 1.1)),
          );
          const s = await target.inspect();
          if (s.sound !== "ok") problems.push(`trial ${trial}: ${s.sound}`);
          if (s.distinct !== s.incidents) problems.push(`trial ${trial}: duplicate incident ids`);
          // All of one version, never a mix.
          const whole = (v: "A" | "B") =>
            s.title === `crash test version ${v}` &&
            s[v === "A" ? "a" : "b"] === COPIES &&
            s.incidents === expectedIncidents;
          if (r.acknowledged && !whole(next))
            problems.push(`trial ${trial}: acknowledged load of ${next} is not all there`);
          if (!whole(next) && !whole(current))
            problems.push(`trial ${trial}: store holds neither version whole`);
          if (r.acknowledged) outcomes.acknowledged += 1;
          else if (whole(next)) outcomes.committedUnacknowledged += 1;
          else outcomes.rolledBack += 1;
          const store = await openStore(target.db, { identityCodec: encryptingCodec(key) });
          try {
            const report = await verifyLog(store.db, signer);
            if (!report.ok)
              problems.push(`trial ${trial}: log: ${report.problems.map((p) => p.code).join(",")}`);
            // Resume: load the version the killed run was loading; then once more, which must change nothing.
            await loadCase(store, bundles[next]);
            const again = await loadCase(store, bundles[next]);
            if (again.changed) problems.push(`trial ${trial}: reloading changed something`);
            await checkpointLog(store.db, signer, signer.name);
            const after = await verifyLog(store.db, signer);
            if (!after.ok || after.warnings.length > 0)
              problems.push(`trial ${trial}: log after resume not clean`);
          } finally {
            await store.close();
          }
          const resumed = await target.inspect();
          if (resumed.incidents !== expectedIncidents || resumed.distinct !== expectedIncidents)
            problems.push(`trial ${trial}: ${resumed.incidents} incidents, ${resumed.distinct} distinct`);
          current = next;
        }
        console.info(
          `[crash] ${dialect}: ${TRIALS} kills of a ${total}-record load (full run ${fullMs} ms): ${outcomes.acknowledged} acknowledged, ` +
            `${outcomes.committedUnacknowledged} committed before the report, ${outcomes.rolledBack} rolled back; ` +
            `${problems.length} problems; ${Date.now() - t0} ms`,
        );
        expect(problems).toEqual([]);
        // The kills must have hit both sides of the commit at least once to mean anything.
        expect(outcomes.rolledBack).toBeGreaterThan(0);
      } finally {
        await target.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    400_000,
  );
});
