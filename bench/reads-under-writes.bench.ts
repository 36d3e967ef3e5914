/**
 * Reads while people write (issue 15 item 6): throughput and p99 of the timeline and ledger endpoints at 50
 * connections (autocannon) while a background writer posts one incident every 100 ms through the write API,
 * beside a bare Hono hello-world served by the same @hono/node-server in the same run. The figure is the
 * ratio to hello-world (target ≥ 0.5). Each target is read twice: with the Accept-Encoding a browser sends (the
 * dashboard's case: Tocsin answers brotli, compressed once per version) and with none (the JSON as is), each
 * beside a bare Hono route sending the same bytes. "loop µs/req" is the server's event-loop busy time per
 * answer (writes included): what each answer cost the server, whatever the load generator could keep up with.
 * Runs on a temp SQLite store, and on PostgreSQL too when TOCSIN_TEST_PG is set (a fresh schema, dropped
 * afterwards).
 * Run: `npm run bench:reads -- [seconds per target, default 5] [maxStaleMs, default SERVED_MAX_STALE_MS]`.
 * @module
 */
import { serve, type ServerType } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import { randomBytes } from "node:crypto";
import { get, type IncomingHttpHeaders } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { performance as nodePerformance } from "node:perf_hooks";
import { join } from "node:path";
import pg from "pg";
import { readCaseFolder } from "../src/casefiles/index.js";
import { loadAnalysisInputs } from "../src/cli/serve.command.js";
import { createApp } from "../src/http/app.js";
import { SERVED_MAX_STALE_MS } from "../src/http/cache/read-cache-limits.js";
import { hashPassword } from "../src/security/password-hash.js";
import { loadCase, openStore, type Store } from "../src/storage/index.js";
import { addUser, createSession } from "../src/storage/accounts/index.js";
import { encryptingCodec } from "../src/storage/keys/index.js";

const ROOT = join(import.meta.dirname, "..");
const CASE = "rwanda-1990-1994";
const SECONDS = Number(process.argv[2] ?? 5);
/** The read cache's staleness bound (HttpDeps.readCache.maxStaleMs); default: what `tocsin serve` uses. */
const MAX_STALE_MS = Number(process.argv[3] ?? SERVED_MAX_STALE_MS);
const CONNECTIONS = 50;
const WRITE_EVERY_MS = 100;

interface Row {
  readonly store: string;
  readonly name: string;
  readonly reqPerSec: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly loopMicros: number;
  readonly writes: string;
}

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

/**
 * The load generator's threads: 0 runs it on the server's event loop, where reading every answer's body takes
 * time from the server in proportion to the body's size; 1 (the default) runs it on a worker thread of this
 * same process, so the ratio measures what the server spends, for hello-world and the targets alike.
 */
const GENERATOR_WORKERS = Number(process.env.BENCH_GENERATOR_WORKERS ?? 1);

/** What a browser's fetch sends (Chromium 156); the dashboard's reads all carry it. */
const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

async function load(url: string, headers: Record<string, string> = {}) {
  const workers = GENERATOR_WORKERS > 0 ? { workers: GENERATOR_WORKERS } : {};
  const options = { url, connections: CONNECTIONS, headers, ...workers };
  await autocannon({ ...options, duration: 1 }); // warm-up: JIT and caches
  const before = nodePerformance.eventLoopUtilization();
  const result = await autocannon({ ...options, duration: SECONDS });
  // The server's event loop (this process's main thread) busy time per answer: what each answer cost the server,
  // writes included, whatever the load generator on the other thread could keep up with.
  const loop = nodePerformance.eventLoopUtilization(before);
  return { result, loopMicrosPerRequest: (loop.active * 1000) / Math.max(1, result.requests.total) };
}

/** Serve `bytes` from a bare Hono route with `headers`: what sending them costs, without Tocsin's work. */
async function bareSame(
  bytes: Uint8Array,
  headers: Record<string, string>,
  requestHeaders: Record<string, string>,
) {
  const same = await listen(
    // A fresh headers object per answer: @hono/node-server writes Content-Length into the one it is given.
    new Hono().get("/", (c) => c.body(bytes as Uint8Array<ArrayBuffer>, 200, { ...headers })).fetch,
  );
  try {
    return await load(`${same.url}/`, requestHeaders);
  } finally {
    same.server.close();
  }
}

/** Post one incident every 100 ms through the write API until stopped; counts the answers. */
function startWriter(apiUrl: string, cookie: string, sourceId: string, tag: string) {
  let ok = 0;
  let failed = 0;
  let n = 0;
  const post = async () => {
    n += 1;
    const res = await fetch(`${apiUrl}/api/cases/${CASE}/records/incidents`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({
        id: `inc-bench-${tag}-${n}`,
        summary: `Benchmark incident ${n}`,
        acts: ["massacre"],
        place: { country: "RWA" },
        // Inside the case's period, entered late with a stated reason (a backfill): the case keeps its last
        // day, as a desk filling in a past situation would (records dated today would stretch a 1990s case's
        // daily replay to today's date).
        occurredAt: "1994-05-01",
        knownAt: "1994-05-02",
        backfillReason: "benchmark backfill",
        citations: [{ source: sourceId, locator: "p. 1" }],
      }),
    }).catch(() => undefined);
    if (res?.status === 201) ok += 1;
    else failed += 1;
    await res?.arrayBuffer();
  };
  const timer = setInterval(() => void post(), WRITE_EVERY_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return `${ok} ok / ${failed} failed`;
    },
  };
}

/** A fresh PostgreSQL schema as a store URL, and how to drop it. */
async function pgSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `tocsin_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`create schema ${schema}`);
  const u = new URL(url);
  u.searchParams.set("schema", schema);
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

async function benchStore(name: string, location: string, hello: string): Promise<Row[]> {
  const read = await readCaseFolder(join(ROOT, "cases", CASE));
  if (!read.ok) throw new Error(`case ${CASE} does not validate`);
  const fieldKey = randomBytes(32);
  const store: Store = await openStore(location, { identityCodec: encryptingCodec(fieldKey) });
  const sourceId = read.bundle.records.source.find((s) => !s.confidential)?.id ?? "";
  const rows: Row[] = [];
  try {
    await loadCase(store, read.bundle);
    const at = new Date();
    const user = await addUser(store.db, {
      username: "bench-analyst",
      passwordHash: await hashPassword(randomBytes(16).toString("hex")),
      role: "analyst",
      actor: "bench",
      at: at.toISOString(),
    });
    const cookie = `__Host-tocsin_session=${await createSession(store.db, user.id, false, at)}`;
    const analysis = await loadAnalysisInputs(ROOT, {
      out: () => undefined,
      err: (t) => process.stderr.write(t),
      isTTY: false,
    });
    // A public instance: anonymous readers (redacted), the analyst writes with a session.
    const app = createApp({
      store,
      analysis,
      security: { mode: "public", fieldKey },
      readCache: { maxStaleMs: MAX_STALE_MS },
    });
    const api = await listen(app.fetch);
    try {
      const base = await load(hello);
      rows.push({ store: name, name: "hono hello-world", ...figures(base), writes: "-" });
      for (const [target, path] of [
        ["timeline", `/api/cases/${CASE}/timeline`],
        ["ledger", `/api/cases/${CASE}/ledger`],
      ] as const) {
        // Twice: as a browser asks (the answer compressed, brotli), and asking for no coding (the JSON as is).
        for (const [asked, requestHeaders] of [
          ["br", { "Accept-Encoding": BROWSER_ACCEPT_ENCODING }],
          ["identity", {}],
        ] as const) {
          // The first answer (a cold replay for the ledger) is computed before the clock starts: the figure is
          // the steady state of a running server, where each write's recomputation is what costs.
          const first = await fetchRaw(`${api.url}${path}`, requestHeaders);
          const writer = startWriter(api.url, cookie, sourceId, `${name}-${target}-${asked}`);
          const r = await load(`${api.url}${path}`, requestHeaders);
          const coding = first.headers["content-encoding"] ?? "identity";
          rows.push({ store: name, name: `${target} (${coding})`, ...figures(r), writes: writer.stop() });
          // The same bytes from a bare Hono route: what the transfer alone costs (the load generator parses
          // every answer too), so the gap between the two rows is Tocsin's own work.
          const contentHeaders: Record<string, string> = { "Content-Type": "application/json" };
          if (coding !== "identity") contentHeaders["Content-Encoding"] = coding;
          const b = await bareSame(first.body, contentHeaders, requestHeaders);
          rows.push({
            store: name,
            name: `  hono, same ${first.body.byteLength} B`,
            ...figures(b),
            writes: "-",
          });
        }
      }
    } finally {
      api.server.close();
    }
  } finally {
    await store.close();
  }
  return rows;
}

/** One GET's status, headers and body bytes as sent (node:http does not decode a content coding). */
function fetchRaw(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: IncomingHttpHeaders; body: Uint8Array }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (b: Buffer) => chunks.push(b));
      res.on("end", () =>
        res.statusCode === 200
          ? resolve({ headers: res.headers, body: Buffer.concat(chunks) })
          : reject(new Error(`GET ${url}: ${res.statusCode}`)),
      );
    }).on("error", reject);
  });
}

function figures({ result: r, loopMicrosPerRequest }: Awaited<ReturnType<typeof load>>) {
  return {
    loopMicros: loopMicrosPerRequest,
    reqPerSec: r.requests.average,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

const bare = await listen(new Hono().get("/", (c) => c.text("Hello, world!")).fetch);
const dir = await mkdtemp(join(tmpdir(), "tocsin-bench-reads-"));
const rows: Row[] = [];
try {
  rows.push(...(await benchStore("sqlite", join(dir, "bench.db"), `${bare.url}/`)));
  const pgUrl = process.env.TOCSIN_TEST_PG;
  if (pgUrl) {
    const s = await pgSchema(pgUrl);
    try {
      rows.push(...(await benchStore("postgres", s.url, `${bare.url}/`)));
    } finally {
      await s.drop();
    }
  } else console.log("TOCSIN_TEST_PG is unset: PostgreSQL is SKIPPED");
} finally {
  bare.server.close();
  await rm(dir, { recursive: true, force: true });
}

console.log(
  `\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per target, one write every ${WRITE_EVERY_MS} ms during ` +
    `each API target, read cache maxStaleMs ${MAX_STALE_MS}; (br) rows send Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}, ` +
    `(identity) rows none; Node ${process.version}, ${process.platform}/${process.arch}\n`,
);
console.log(
  "store     target                     req/s     p99 ms  errors  non-2xx  req/s ÷ hello  loop µs/req  writes (during target)",
);
for (const r of rows) {
  const base = rows.find((b) => b.store === r.store && b.name === "hono hello-world");
  const ratio = base ? (r.reqPerSec / base.reqPerSec).toFixed(3) : "-";
  console.log(
    `${r.store.padEnd(9)} ${r.name.padEnd(24)} ${r.reqPerSec.toFixed(0).padStart(8)} ${String(r.p99).padStart(10)} ` +
      `${String(r.errors).padStart(7)} ${String(r.non2xx).padStart(8)} ${ratio.padStart(14)} ` +
      `${r.loopMicros.toFixed(0).padStart(12)}  ${r.writes}`,
  );
}
