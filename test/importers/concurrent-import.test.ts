// Two `tocsin import` processes of the same file into the same store (the built binary, dist/), on SQLite and,
// with TOCSIN_TEST_PG, on PostgreSQL: the second stops with one line saying an import of the file is running
// (exit 2, nothing written) or, with --wait, waits and then finds everything unchanged; two started at once
// never fail on a duplicate key; a killed run's lease does not stop the re-run from resuming.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/storage/index.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { incidentLine, tempDir } from "./helpers.js";

const BIN = resolve(process.cwd(), "bin/tocsin.js");
const built = existsSync(resolve(process.cwd(), "dist/cli"));
if (!built)
  console.warn(
    "[importers/concurrent-import] dist/ is missing (run npx tsc -p tsconfig.build.json): SKIPPED",
  );
const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn("[importers/concurrent-import] TOCSIN_TEST_PG is unset: the PostgreSQL cases are SKIPPED");

/** Rows of the file: six batches of 2,000, so a run is still busy after its first commit. */
const ROWS = 12_000;

interface Run {
  readonly child: ChildProcess;
  readonly out: () => string;
  readonly err: () => string;
  readonly exit: Promise<number | null>;
  /** Resolves once stderr matches `re`. */
  until(re: RegExp): Promise<void>;
}

/** Start `tocsin ...args` with `env` added to this process's environment. */
function tocsin(args: readonly string[], env: Readonly<Record<string, string>>): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, TZ: "UTC", TOCSIN_DB: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const waiters: { re: RegExp; done: () => void }[] = [];
  child.stdout?.on("data", (d: Buffer) => void (out += d.toString("utf8")));
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString("utf8");
    for (const w of waiters.splice(0))
      if (w.re.test(err)) w.done();
      else waiters.push(w);
  });
  const exit = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    exit,
    until: (re) =>
      new Promise<void>((done, fail) => {
        if (re.test(err)) return done();
        waiters.push({ re, done });
        void exit.then(() => (re.test(err) ? done() : fail(new Error(`exited before ${re}: ${err}`))));
      }),
  };
}

/**
 * Stop `pid` (SIGSTOP) at a moment it holds no write transaction on the SQLite file at `db`: a stopped writer
 * would keep every other process from opening the store, which is not what these tests look at. PostgreSQL
 * needs no care (a second process opens the store and reads the lease while the first holds row locks).
 */
async function stopBetweenBatches(pid: number, db: string | undefined): Promise<void> {
  for (let i = 0; i < 200; i++) {
    process.kill(pid, "SIGSTOP");
    if (db === undefined) return;
    const probe = new BetterSqlite3(db, { timeout: 0 });
    try {
      probe.exec("BEGIN IMMEDIATE; ROLLBACK");
      return;
    } catch {
      process.kill(pid, "SIGCONT");
      await sleep(3);
    } finally {
      probe.close();
    }
  }
  throw new Error("the import never paused between two batches");
}

/** What the store holds after the runs. */
async function inspect(location: string) {
  const store = await openStore(location, { readonly: true });
  try {
    const count = async (table: "incidents" | "import_leases" | "import_batches") =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const batches = await store.db
      .selectFrom("import_batches")
      .select(["status", "read"])
      .orderBy("started_at")
      .execute();
    return {
      incidents: await count("incidents"),
      leases: await count("import_leases"),
      batches: batches.map((b) => `${b.status}:${Number(b.read)}`),
    };
  } finally {
    await store.close();
  }
}

const targets: { target: StoreTarget; skip: boolean }[] = [
  { target: sqliteTarget(), skip: !built },
  ...(PG ? [{ target: postgresTarget(PG), skip: !built }] : []),
];
afterAll(async () => {
  for (const t of targets) await t.target.cleanup();
});

for (const { target, skip } of targets) {
  // Each test starts two or three CLI processes and waits on their output: minutes, not seconds, on a loaded machine.
  describe.skipIf(skip)(`two imports of one file at once (${target.name})`, { timeout: 120_000 }, () => {
    const setup = async () => {
      const dir = tempDir();
      const file = join(dir, "events.jsonl");
      writeFileSync(file, `${Array.from({ length: ROWS }, (_, i) => incidentLine(`inc-${i}`)).join("\n")}\n`);
      const location = await target.fresh();
      // A server store's keys go to a folder of the test's own; a SQLite store keeps them beside its file.
      const env: Record<string, string> =
        target.name === "postgres" ? { TOCSIN_KEYS: join(dir, "keys") } : {};
      const sqlite = target.name === "sqlite" ? location : undefined;
      return { file, location, env, sqlite };
    };

    it("the second says in one line that an import of the file is running (exit 2, nothing written)", async () => {
      const { file, location, env, sqlite } = await setup();
      const a = tocsin(["import", "tocsin", file, "--db", location, "--progress-lines"], env);
      await a.until(/committed rows \d+/u);
      await stopBetweenBatches(a.child.pid as number, sqlite);
      try {
        const b = tocsin(["import", "tocsin", file, "--db", location], env);
        expect(await b.exit).toBe(2);
        expect(b.out()).toBe("");
        const lines = b.err().trimEnd().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          new RegExp(
            `^tocsin: an import of ${file} \\(tocsin, SHA-256 [0-9a-f]{12}…\\) into case import-tocsin is running ` +
              `\\(events\\.jsonl, process ${a.child.pid} on .+, since .+\\): nothing was written`,
            "u",
          ),
        );
        const j = tocsin(["import", "tocsin", file, "--db", location, "--json"], env);
        expect(await j.exit).toBe(2);
        const doc = JSON.parse(j.out()) as { error: { code: string }; exitCode: number };
        expect([doc.error.code, doc.exitCode]).toEqual(["IMPORT_RUNNING", 2]);
      } finally {
        process.kill(a.child.pid as number, "SIGCONT");
      }
      expect(await a.exit, a.err()).toBe(0);
      expect(a.out()).toContain(`read ${ROWS}, imported ${ROWS},`);
      // One batch (the first run's), every row once, no lease left behind.
      expect(await inspect(location)).toEqual({ incidents: ROWS, leases: 0, batches: [`done:${ROWS}`] });
    });

    it("with --wait the second waits for the first, then finds every row unchanged (exit 0)", async () => {
      const { file, location, env, sqlite } = await setup();
      const a = tocsin(["import", "tocsin", file, "--db", location, "--progress-lines"], env);
      await a.until(/committed rows \d+/u);
      await stopBetweenBatches(a.child.pid as number, sqlite);
      let b: Run;
      try {
        b = tocsin(["import", "tocsin", file, "--db", location, "--wait", "--json"], env);
        await b.until(/waiting for the import of .* into case import-tocsin to finish/u);
      } finally {
        process.kill(a.child.pid as number, "SIGCONT");
      }
      expect(await a.exit, a.err()).toBe(0);
      expect(await b.exit, b.err()).toBe(0);
      const report = JSON.parse(b.out()) as { read: number; imported: number; unchanged: number };
      expect([report.read, report.imported, report.unchanged]).toEqual([ROWS, 0, ROWS]);
      expect(await inspect(location)).toEqual({
        incidents: ROWS,
        leases: 0,
        batches: [`done:${ROWS}`, `done:${ROWS}`],
      });
    });

    it("two started at the same moment: one imports, the other stops or finds it done, never a duplicate-key error", async () => {
      const { file, location, env } = await setup();
      const runs = [0, 1].map(() => tocsin(["import", "tocsin", file, "--db", location, "--json"], env));
      const codes = await Promise.all(runs.map((r) => r.exit));
      const docs = runs.map((r) => JSON.parse(r.out()) as { error?: { code: string }; imported?: number });
      for (const [i, code] of codes.entries()) {
        if (code === 2) expect(docs[i]?.error?.code, runs[i]?.err()).toBe("IMPORT_RUNNING");
        else expect(code, runs[i]?.err()).toBe(0);
      }
      expect(codes).toContain(0);
      expect(docs.map((d) => d.imported ?? 0).reduce((x, y) => x + y)).toBe(ROWS);
      const state = await inspect(location);
      expect([state.incidents, state.leases]).toEqual([ROWS, 0]);
    });

    it("a killed run's lease does not stop the next run, which resumes after the last commit", async () => {
      const { file, location, env } = await setup();
      const a = tocsin(["import", "tocsin", file, "--db", location, "--progress-lines"], env);
      await a.until(/committed rows \d+/u);
      a.child.kill("SIGKILL");
      await a.exit;
      expect((await inspect(location)).leases).toBe(1);
      const b = tocsin(["import", "tocsin", file, "--db", location, "--json"], env);
      expect(await b.exit, b.err()).toBe(0);
      const report = JSON.parse(b.out()) as { imported: number; resumedAfterLine?: number };
      expect(report.resumedAfterLine).toBeGreaterThan(0);
      expect(report.imported).toBe(ROWS);
      expect(await inspect(location)).toEqual({ incidents: ROWS, leases: 0, batches: [`done:${ROWS}`] });
    });
  });
}
