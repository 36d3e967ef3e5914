/**
 * Desk delivery on PostgreSQL: deliveries per second to a local webhook sink (node:http on 127.0.0.1, in this
 * process) with 1 and with 3 worker processes (`bench/delivery.worker.ts`, the real `tocsin worker` loop), and
 * the latency from issue to delivery (p50, p99), beside a bare insert-and-select loop on the same database in
 * the same run. The ratios to the bare loop are the figures.
 *
 * Per worker count, on a fresh schema holding the synthetic case and 3 webhook contact points:
 *  - drain: N deliveries (N/3 warnings × 3 recipients) are issued while the workers wait, then the workers start;
 *    deliveries/s = N ÷ (time from "go" to the last first receipt at the sink);
 *  - latency: with the workers running, N/3 more warnings are issued one after another; per delivery, the time
 *    from the start of its `issueWarning` call to its first receipt at the sink.
 *
 * Run: `npm run bench:delivery -- [--pg URL] [--deliveries N] [--poll-ms MS] [--rounds R]` (defaults:
 * TOCSIN_TEST_PG, 300, 100, 1; each round measures the bare loop, 1 worker and 3 workers again). Without a
 * PostgreSQL URL it says so and exits 0.
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { deskKeyFrom, issueWarning, systemClock } from "../src/desk/index.js";
import { loadCase, openStore, type Store } from "../src/storage/index.js";
import { addContactPoint } from "../src/storage/desk/index.js";
import { encryptingCodec } from "../src/storage/keys/index.js";
import { syntheticBundle } from "../test/storage/fixtures.js";

const { values } = parseArgs({
  options: {
    pg: { type: "string" },
    deliveries: { type: "string", default: "300" },
    "poll-ms": { type: "string", default: "100" },
    rounds: { type: "string", default: "1" },
  },
});
const PG = values.pg ?? process.env.TOCSIN_TEST_PG;
if (!PG) {
  console.log("bench:delivery: no PostgreSQL (set TOCSIN_TEST_PG or pass --pg URL); nothing measured.");
  process.exit(0);
}
const RECIPIENTS = ["gov-xvl", "un-hq", "un-mission"];
const N = Number(values.deliveries);
const POLL_MS = Number(values["poll-ms"]);
const ROUNDS = Number(values.rounds);
if (!Number.isInteger(N) || N < RECIPIENTS.length || N % RECIPIENTS.length !== 0)
  throw new Error(
    `--deliveries must be a positive multiple of ${RECIPIENTS.length}, got "${values.deliveries}"`,
  );
if (!Number.isInteger(POLL_MS) || POLL_MS < 1) throw new Error(`--poll-ms must be a positive integer`);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a positive integer`);
const WARNINGS = N / RECIPIENTS.length;
const CASE_ID = "xvl-test";
const FIELD_KEY = randomBytes(32);
const WORKER = join(import.meta.dirname, "delivery.worker.ts");

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The sink: first receipt time per idempotency key, and how many requests in all. */
const firstSeen = new Map<string, number>();
let requests = 0;
let onReceipt: () => void = () => undefined;
const sink = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    requests += 1;
    const key = String(req.headers["idempotency-key"]);
    if (!firstSeen.has(key)) firstSeen.set(key, performance.now());
    res.statusCode = 200;
    res.end();
    onReceipt();
  });
});
await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;

function receivedAll(keys: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${keys.filter((k) => firstSeen.has(k)).length}/${keys.length} delivered`)),
      timeoutMs,
    );
    onReceipt = () => {
      if (keys.every((k) => firstSeen.has(k))) {
        clearTimeout(timer);
        onReceipt = () => undefined;
        resolve();
      }
    };
    onReceipt();
  });
}

interface Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
}
function startWorker(location: string): Worker {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", WORKER, location, FIELD_KEY.toString("hex"), `${POLL_MS}`],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (l) => l === "ready" && resolve());
    child.once("exit", (code) => reject(new Error(`a worker exited early (code ${code})`)));
  });
  return { child, ready };
}
async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.child.exitCode !== null) return resolve();
          w.child.once("exit", () => resolve());
          w.child.stdin!.end("stop\n");
        }),
    ),
  );
}

async function issue(store: Store, prefix: string, i: number): Promise<string[]> {
  const r = await issueWarning(
    {
      caseId: CASE_ID,
      id: `${prefix}-${i}`,
      sender: "un-hq",
      recipients: RECIPIENTS,
      summary: `Bench warning ${i}`,
    },
    { store, clock: systemClock, deskKey: deskKeyFrom(FIELD_KEY), actor: "bench" },
  );
  return r!.deliveries.map((d) => d.key);
}

interface Run {
  readonly workers: number;
  readonly perSecond: number;
  readonly issuePerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly duplicates: number;
}

async function run(admin: pg.Pool, schema: string, workerCount: number): Promise<Run> {
  const tables = await admin.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = $1 and table_name not like 'kysely_%'",
    [schema],
  );
  const list = tables.rows.map((r) => `${schema}."${r.table_name}"`).join(", ");
  if (list) await admin.query(`truncate table ${list} cascade`);
  const u = new URL(PG!);
  u.searchParams.set("schema", schema);
  const location = u.toString();
  const store = await openStore(location, { identityCodec: encryptingCodec(FIELD_KEY) });
  const workers: Worker[] = [];
  try {
    await loadCase(store, syntheticBundle());
    for (const r of RECIPIENTS)
      await addContactPoint(
        store,
        { caseId: CASE_ID, actorId: r, channel: "webhook", address: `${sinkUrl}/${r}`, language: "en" },
        new Date().toISOString(),
      );
    for (let i = 0; i < workerCount; i++) workers.push(startWorker(location));
    await Promise.all(workers.map((w) => w.ready));
    firstSeen.clear();
    requests = 0;
    // Drain: fill the outbox while the workers wait, then time them emptying it.
    const drainKeys: string[] = [];
    const issueStart = performance.now();
    for (let i = 0; i < WARNINGS; i++) drainKeys.push(...(await issue(store, `w${workerCount}-drain`, i)));
    const issuePerSecond = N / ((performance.now() - issueStart) / 1000);
    const go = performance.now();
    for (const w of workers) w.child.stdin!.write("go\n");
    await receivedAll(drainKeys, 600_000);
    const last = Math.max(...drainKeys.map((k) => firstSeen.get(k)!));
    const perSecond = N / ((last - go) / 1000);
    // Latency: issue one warning after another while the workers run.
    const issuedAt = new Map<string, number>();
    const latencyKeys: string[] = [];
    for (let i = 0; i < WARNINGS; i++) {
      const t = performance.now();
      for (const k of await issue(store, `w${workerCount}-live`, i)) {
        issuedAt.set(k, t);
        latencyKeys.push(k);
      }
    }
    await receivedAll(latencyKeys, 600_000);
    const lat = latencyKeys.map((k) => firstSeen.get(k)! - issuedAt.get(k)!).sort((a, b) => a - b);
    return {
      workers: workerCount,
      perSecond,
      issuePerSecond,
      p50: quantile(lat, 0.5),
      p99: quantile(lat, 0.99),
      duplicates: requests - firstSeen.size,
    };
  } finally {
    await stopWorkers(workers);
    await store.close();
  }
}

/** The baseline: one connection inserting a row of about a delivery's size and selecting it back, N times. */
async function bareLoop(admin: pg.Pool, schema: string): Promise<{ perSecond: number; p99: number }> {
  const client = await admin.connect();
  try {
    await client.query(`create table ${schema}.bench_bare (id text primary key, body text not null)`);
    const body = "x".repeat(1500);
    const lat: number[] = [];
    const start = performance.now();
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await client.query(`insert into ${schema}.bench_bare (id, body) values ($1, $2)`, [`row-${i}`, body]);
      await client.query(`select body from ${schema}.bench_bare where id = $1`, [`row-${i}`]);
      lat.push(performance.now() - t);
    }
    const perSecond = N / ((performance.now() - start) / 1000);
    return {
      perSecond,
      p99: quantile(
        lat.sort((a, b) => a - b),
        0.99,
      ),
    };
  } finally {
    await client.query(`drop table if exists ${schema}.bench_bare`);
    client.release();
  }
}

const admin = new pg.Pool({ connectionString: PG, max: 2 });
const schema = `tocsin_bench_${randomBytes(6).toString("hex")}`;
await admin.query(`create schema ${schema}`);
try {
  console.log(
    `desk delivery on PostgreSQL: ${N} deliveries (${WARNINGS} warnings × ${RECIPIENTS.length} recipients) per phase, ` +
      `webhook sink on 127.0.0.1, worker poll ${POLL_MS} ms`,
  );
  // Each round measures the bare loop again, so every ratio is to a baseline taken under the same machine load.
  for (let round = 1; round <= ROUNDS; round++) {
    const bare = await bareLoop(admin, schema);
    const runs: Run[] = [];
    for (const w of [1, 3]) runs.push(await run(admin, schema, w));
    if (ROUNDS > 1) console.log(`round ${round}`);
    console.log(
      `  bare insert+select loop (1 connection)  ${bare.perSecond.toFixed(0).padStart(6)} /s   p99 ${ms(bare.p99)}`,
    );
    for (const r of runs)
      console.log(
        `  ${r.workers} worker process${r.workers > 1 ? "es" : "  "}                      ${r.perSecond.toFixed(0).padStart(6)} deliveries/s ` +
          `(${(r.perSecond / bare.perSecond).toFixed(2)}× bare)   issue→delivery p50 ${ms(r.p50)}, p99 ${ms(r.p99)} ` +
          `(${(r.p99 / bare.p99).toFixed(1)}× bare p99)   issued ${r.issuePerSecond.toFixed(0)} deliveries/s, ${r.duplicates} repeats`,
      );
    const [one, three] = runs;
    console.log(`  3 workers ÷ 1 worker: ${(three!.perSecond / one!.perSecond).toFixed(2)}×`);
  }
} finally {
  await admin.query(`drop schema if exists ${schema} cascade`);
  await admin.end();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
}
