/**
 * API throughput and p99 latency (autocannon, 50 connections) on a demo database (the Rwanda case loaded into
 * a temp SQLite store) for the timeline and ledger endpoints, beside a bare Hono hello-world handler served by
 * the same @hono/node-server in the same run. The ratio to hello-world is the figure.
 * Run: `npx tsx bench/api.bench.ts [seconds per target, default 10]`.
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
import { readCaseFolder } from "../src/casefiles/index.js";
import { loadAnalysisInputs } from "../src/cli/serve.command.js";
import { createApp } from "../src/http/app.js";
import { loadCase, openStore } from "../src/storage/index.js";
import { encryptingCodec } from "../src/storage/keys/index.js";

const ROOT = join(import.meta.dirname, "..");
const CASE = "rwanda-1990-1994";
const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = 50;

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}

interface Row {
  readonly name: string;
  readonly reqPerSec: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function measure(name: string, url: string): Promise<Row> {
  // A short warm-up so JIT and caches are in the same state for every target.
  await autocannon({ url, connections: CONNECTIONS, duration: 1 });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return {
    name,
    reqPerSec: r.requests.average,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

const dir = await mkdtemp(join(tmpdir(), "tocsin-bench-"));
const read = await readCaseFolder(join(ROOT, "cases", CASE));
if (!read.ok) throw new Error(`case ${CASE} does not validate`);
// As the CLI opens it: confidential sources encrypted with a field key (here a fresh random one).
const store = await openStore(join(dir, "demo.db"), { identityCodec: encryptingCodec(randomBytes(32)) });
await loadCase(store, read.bundle);
const analysis = await loadAnalysisInputs(ROOT, {
  out: () => undefined,
  err: (t) => process.stderr.write(t),
  isTTY: false,
});
const app = createApp({ store, analysis });
const hello = new Hono().get("/", (c) => c.text("Hello, world!"));

const api = await listen(app.fetch);
const bare = await listen(hello.fetch);
const rows: Row[] = [];
try {
  rows.push(await measure("hono hello-world", `${bare.url}/`));
  rows.push(await measure("timeline (whole case)", `${api.url}/api/cases/${CASE}/timeline`));
  rows.push(
    await measure(
      "timeline (Jan 1994)",
      `${api.url}/api/cases/${CASE}/timeline?from=1994-01-01&to=1994-01-31`,
    ),
  );
  rows.push(await measure("ledger", `${api.url}/api/cases/${CASE}/ledger`));
} finally {
  api.server.close();
  bare.server.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

const base = rows[0];
console.log(
  `\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per target, Node ${process.version}, ${process.platform}/${process.arch}\n`,
);
console.log("target                     req/s      p99 ms   errors  non-2xx   req/s ÷ hello   p99 × hello");
for (const r of rows) {
  const ratio = base ? (r.reqPerSec / base.reqPerSec).toFixed(3) : "-";
  const p99x = base && base.p99 > 0 ? (r.p99 / base.p99).toFixed(1) : "-";
  console.log(
    `${r.name.padEnd(24)} ${r.reqPerSec.toFixed(0).padStart(8)} ${String(r.p99).padStart(10)} ${String(r.errors).padStart(8)} ${String(r.non2xx).padStart(8)} ${ratio.padStart(15)} ${p99x.padStart(13)}`,
  );
}
