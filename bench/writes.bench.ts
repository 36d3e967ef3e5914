/**
 * Writes with live assessment on (issue 15): 20 analysts, each with a session, post incidents concurrently into
 * one live case of a real HTTP server (the app `tocsin serve` builds, with its LiveAssessor); a viewer's
 * GET /api/events stream is read in the same process. Reported: writes/s, and the p50/p99 time from sending a
 * request to its `record` event on the stream, and from the first incident to the `alert` event of the level it
 * raised. Beside it, in the same run and the same store: a bare Kysely insert of the same incident rows (and their
 * citations) by 20 concurrent writers, with the ratio. On SQLite, and on PostgreSQL when `--pg URL` or
 * TOCSIN_TEST_PG gives one (a fresh schema, dropped after).
 * Run: `npm run bench:writes -- [--per-analyst N (default 5)] [--analysts N (default 20)] [--pg URL] [--no-live]`
 * (`--no-live`: record events only, no assessment — what the assessment costs).
 * @module
 */
import { serve, type ServerType } from "@hono/node-server";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { loadAnalysisInputs } from "../src/cli/serve.command.js";
import type { Incident } from "../src/domain/index.js";
import { createApp } from "../src/http/app.js";
import { LiveAssessor } from "../src/http/live/live-assessor.js";
import { hashPassword } from "../src/security/password-hash.js";
import { insertDerived } from "../src/storage/load-case.js";
import { genericDb, recordTable } from "../src/storage/records/record-db.js";
import { tableOf } from "../src/storage/records/record-tables.js";
import { openStore, type Store } from "../src/storage/index.js";
import { addUser, createSession } from "../src/storage/accounts/index.js";
import { encryptingCodec } from "../src/storage/keys/index.js";
import { identityCodecOf } from "../src/storage/store-registry.js";
import { readSse } from "../test/support/sse-reader.js";

const { values: args } = parseArgs({
  options: {
    "per-analyst": { type: "string", default: "5" },
    analysts: { type: "string", default: "20" },
    pg: { type: "string" },
    "no-live": { type: "boolean", default: false },
  },
});
const PER = Number(args["per-analyst"]);
const ANALYSTS = Number(args.analysts);
const PG_URL = args.pg ?? process.env.TOCSIN_TEST_PG;
/** `--no-live`: the plain event hub instead of the live assessor, to see what assessment costs. */
const LIVE = !args["no-live"];
const ROOT = join(import.meta.dirname, "..");
const CASE = "bench-live";
const cite = [{ source: "src-bench", locator: "p. 1" }];
/** A day `n` days before today (the server assesses as of the system clock). */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const START = daysAgo(400);

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

const pct = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number);
};

/** The SSE stream of GET /api/events: the arrival time of each record event (by id) and of each alert. */
async function watch(url: string, cookie: string) {
  const res = await fetch(`${url}/api/events`, { headers: { Cookie: cookie } });
  if (!res.ok || !res.body) throw new Error(`GET /api/events answered ${res.status}`);
  const records = new Map<string, number>();
  const alerts: { at: number; level: string }[] = [];
  const stream = readSse(res.body, ({ event, data }) => {
    const d = (data ?? {}) as { id?: string; alert?: { level: string } };
    if (event === "record" && d.id) records.set(d.id, performance.now());
    if (event === "alert" && d.alert) alerts.push({ at: performance.now(), level: d.alert.level });
  });
  return { records, alerts, stop: stream.stop };
}

function incidentBody(id: string, n: number) {
  return {
    id,
    summary: `Soldiers kill members of the group (report ${n}).`,
    acts: ["massacre"],
    place: { country: "XAA" },
    perpetrators: ["act-bench-state"],
    targetGroup: "grp-bench",
    organised: "documented",
    stateInvolvement: "confirmed",
    occurredAt: daysAgo(1 + (n % 300)),
    citations: cite,
  };
}

/** The same incident as the domain holds it, for the bare insert. */
function incidentRecord(id: string, n: number, day: string): Incident {
  const b = incidentBody(id, n);
  return {
    ...b,
    acts: ["massacre"],
    organised: "documented",
    stateInvolvement: "confirmed",
    occurredAt: { from: b.occurredAt, to: b.occurredAt, precision: "day" },
    knownAt: day,
  } as unknown as Incident;
}

interface Result {
  readonly writesPerSec: number;
  readonly recordP50: number;
  readonly recordP99: number;
  readonly alertMs: number;
  readonly failed: number;
  readonly bareWritesPerSec: number;
  readonly bareP99: number;
}

async function setUp(store: Store) {
  const passwordHash = await hashPassword("bench password 1234567890");
  const at = new Date().toISOString();
  const cookies: string[] = [];
  for (let i = 0; i <= ANALYSTS; i++) {
    const u = await addUser(store.db, {
      username: `bench-${i}`,
      passwordHash,
      role: i === 0 ? "viewer" : "analyst",
      actor: "bench",
      at,
    });
    cookies.push(`__Host-tocsin_session=${await createSession(store.db, u.id, false, new Date())}`);
  }
  return cookies;
}

async function run(label: string, location: string, fieldKey: Buffer): Promise<Result> {
  const store = await openStore(location, { identityCodec: encryptingCodec(fieldKey) });
  const log: string[] = [];
  const analysis = await loadAnalysisInputs(ROOT, {
    out: () => undefined,
    err: () => undefined,
    isTTY: false,
  });
  const live = new LiveAssessor({
    store,
    ...(analysis.rulebook ? { rulebook: analysis.rulebook } : {}),
    ...(analysis.lexicon ? { lexicon: analysis.lexicon } : {}),
    clock: () => new Date(),
    log: (l) => log.push(l),
  });
  const app = createApp({
    store,
    version: "bench",
    analysis,
    ...(LIVE ? { live } : {}),
    security: { mode: "private", fieldKey },
  });
  const { server, url } = await listen(app.fetch);
  try {
    const [viewer, ...analysts] = await setUp(store);
    const post = (cookie: string, path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const first = analysts[0] as string;
    const setup = [
      ["/api/cases", { id: CASE, name: "Bench", countries: ["XAA"], period: { start: START, end: null } }],
      [
        `/api/cases/${CASE}/records/sources`,
        {
          id: "src-bench",
          kind: "report",
          title: "Report",
          reliability: "B",
          credibility: 2,
          occurredAt: START,
          citations: cite,
        },
      ],
      [
        `/api/cases/${CASE}/records/actors`,
        { id: "act-bench-state", kind: "state", name: "State", occurredAt: START, citations: cite },
      ],
      [
        `/api/cases/${CASE}/records/groups`,
        {
          id: "grp-bench",
          name: "Group",
          kind: "ethnical",
          countries: ["XAA"],
          occurredAt: START,
          citations: cite,
        },
      ],
    ] as const;
    for (const [path, body] of setup) {
      const r = await post(first, path, body);
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    }
    await live.idle();
    const stream = await watch(url, viewer as string);
    const sent = new Map<string, number>();
    let failed = 0;
    const t0 = performance.now();
    await Promise.all(
      analysts.map(async (cookie, a) => {
        for (let i = 0; i < PER; i++) {
          const id = `inc-bench-${a}-${i}`;
          sent.set(id, performance.now());
          const r = await post(cookie, `/api/cases/${CASE}/records/incidents`, incidentBody(id, a * PER + i));
          if (r.status !== 201) failed += 1;
          await r.arrayBuffer();
        }
      }),
    );
    await live.idle();
    // Let the stream deliver the last events.
    for (let i = 0; i < 200 && stream.records.size < sent.size - failed; i++)
      await new Promise((r) => setTimeout(r, 10));
    const elapsed = (Math.max(...stream.records.values()) - t0) / 1000;
    const lat = [...sent].flatMap(([id, at]) =>
      stream.records.has(id) ? [(stream.records.get(id) as number) - at] : [],
    );
    const alert = stream.alerts[0];
    await stream.stop();
    const bare = await bareInsert(store);
    const result: Result = {
      writesPerSec: (sent.size - failed) / elapsed,
      recordP50: pct(lat, 50),
      recordP99: pct(lat, 99),
      alertMs: alert ? alert.at - t0 : NaN,
      failed,
      bareWritesPerSec: bare.perSec,
      bareP99: bare.p99,
    };
    print(label, result, stream.alerts.length);
    return result;
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
    await live.idle();
    await store.close();
  }
}

/** The same number of incident rows and their derived rows, inserted with Kysely by as many concurrent writers. */
async function bareInsert(store: Store): Promise<{ perSec: number; p99: number }> {
  const spec = tableOf("incident");
  const codec = identityCodecOf(store);
  const day = new Date().toISOString().slice(0, 10);
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: ANALYSTS }, async (_, a) => {
      for (let i = 0; i < PER; i++) {
        const rec = incidentRecord(`inc-bare-${a}-${i}`, a * PER + i, day);
        const s = performance.now();
        await store.db.transaction().execute(async (trx) => {
          await genericDb(trx).insertInto(recordTable(spec.table)).values(spec.toRow(CASE, rec)).execute();
          await insertDerived(trx, CASE, "incident", [rec], codec);
        });
        lat.push(performance.now() - s);
      }
    }),
  );
  return { perSec: (ANALYSTS * PER) / ((performance.now() - t0) / 1000), p99: pct(lat, 99) };
}

function print(label: string, r: Result, alerts: number): void {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
  console.log(
    `${label}: ${ANALYSTS} analysts × ${PER} incidents, live assessment ${LIVE ? "on" : "OFF (--no-live)"}\n` +
      `  API writes: ${f(r.writesPerSec)} writes/s, request → record event p50 ${f(r.recordP50)} ms, p99 ${f(r.recordP99)} ms, ` +
      `first incident → alert event ${f(r.alertMs)} ms (${alerts} alert event(s)), ${r.failed} failed\n` +
      `  bare Kysely insert of the same rows: ${f(r.bareWritesPerSec)} writes/s, p99 ${f(r.bareP99)} ms\n` +
      `  ratio API/bare: ${(r.writesPerSec / r.bareWritesPerSec).toFixed(3)}× writes/s`,
  );
}

const fieldKey = randomBytes(32);
const dir = await mkdtemp(join(tmpdir(), "tocsin-bench-writes-"));
try {
  await run("SQLite", join(dir, "bench.db"), fieldKey);
  if (PG_URL) {
    const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
    const schema = `tocsin_bench_${randomBytes(6).toString("hex")}`;
    await admin.query(`create schema ${schema}`);
    const u = new URL(PG_URL);
    u.searchParams.set("schema", schema);
    try {
      await run("PostgreSQL", u.toString(), fieldKey);
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  } else console.log("PostgreSQL: skipped (give --pg URL or TOCSIN_TEST_PG)");
} finally {
  await rm(dir, { recursive: true, force: true });
}
