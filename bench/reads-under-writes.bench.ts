/**
 * Reads while people write (issue 15 item 6): throughput and p99 of the timeline and ledger endpoints at 50
 * connections (autocannon) while a background writer posts one incident every 100 ms through the write API,
 * beside a bare Hono hello-world served by the same @hono/node-server in the same run. The figure is the
 * ratio to hello-world (target ≥ 0.5). Runs on a temp SQLite store, and on PostgreSQL too when TOCSIN_TEST_PG
 * is set (a fresh schema, dropped afterwards).
 * Run: `npm run bench:reads -- [seconds per target, default 5] [maxStaleMs, default SERVED_MAX_STALE_MS]`.
 * @module
 */
import { serve, type ServerType } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
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

async function load(url: string) {
  const workers = GENERATOR_WORKERS > 0 ? { workers: GENERATOR_WORKERS } : {};
  await autocannon({ url, connections: CONNECTIONS, duration: 1, ...workers }); // warm-up: JIT and caches
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...workers });
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
        ["timeline (whole case)", `/api/cases/${CASE}/timeline`],
        ["ledger", `/api/cases/${CASE}/ledger`],
      ] as const) {
        // The first answer (a cold replay for the ledger) is computed before the clock starts: the figure is
        // the steady state of a running server, where each write's recomputation is what costs.
        const sample = new Uint8Array(await (await fetch(`${api.url}${path}`)).arrayBuffer());
        const writer = startWriter(api.url, cookie, sourceId, `${name}-${target.split(" ")[0]}`);
        const r = await load(`${api.url}${path}`);
        rows.push({ store: name, name: target, ...figures(r), writes: writer.stop() });
        // The same bytes from a bare Hono route: what the transfer alone costs (the load generator runs in this
        // process and parses every body too), so the gap between the two rows is Tocsin's own work.
        const same = await listen(
          new Hono().get("/", (c) => c.body(sample, 200, { "Content-Type": "application/json" })).fetch,
        );
        try {
          const b = await load(`${same.url}/`);
          rows.push({ store: name, name: `  hono, same ${sample.byteLength} B`, ...figures(b), writes: "-" });
        } finally {
          same.server.close();
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

function figures(r: autocannon.Result) {
  return {
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
    `each API target, read cache maxStaleMs ${MAX_STALE_MS}, Node ${process.version}, ${process.platform}/${process.arch}\n`,
);
console.log(
  "store     target                     req/s     p99 ms  errors  non-2xx  req/s ÷ hello  writes (during target)",
);
for (const r of rows) {
  const base = rows.find((b) => b.store === r.store && b.name === "hono hello-world");
  const ratio = base ? (r.reqPerSec / base.reqPerSec).toFixed(3) : "-";
  console.log(
    `${r.store.padEnd(9)} ${r.name.padEnd(24)} ${r.reqPerSec.toFixed(0).padStart(8)} ${String(r.p99).padStart(10)} ` +
      `${String(r.errors).padStart(7)} ${String(r.non2xx).padStart(8)} ${ratio.padStart(14)}  ${r.writes}`,
  );
}
