/**
 * `tocsin serve [--db PATH] [--port N]`: the HTTP API and the built dashboard on http://localhost:PORT, until
 * Ctrl-C (SIGINT) or SIGTERM, which close the server and the store cleanly. `startServer` is reused by `demo`.
 * @module
 */
import { serve, type ServerType } from "@hono/node-server";
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readLexicon } from "../casefiles/read-lexicon.js";
import { loadRulebook } from "../casefiles/read-rulebook.js";
import { createApp } from "../http/app.js";
import { SERVED_MAX_STALE_MS } from "../http/cache/read-cache-limits.js";
import type { AnalysisInputs } from "../http/case-analysis.js";
import type { Store } from "../storage/index.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import type { CliIo } from "./io.js";
import { httpSecurityFor, withStore } from "./with-store.js";
import type { HttpSecurity } from "../http/http-security.js";
import type { HttpDeps } from "../http/deps.js";
import { deskKeyFrom, systemClock } from "../desk/index.js";
import { startDeskWorker } from "./desk-runtime.js";
import { LiveAssessor } from "../http/live/live-assessor.js";
import { liveNotifiersFrom } from "./live-notifiers.js";
import type { AlertNotifier } from "../notify/index.js";

export interface StartServerOptions {
  readonly store: Store;
  readonly port: number;
  /** Folder of the built dashboard; when it has no index.html only the API is served (and a notice printed). */
  readonly webRoot: string;
  readonly io: CliIo;
  /** Rulebook and lexicon for the analyses (see `loadAnalysisInputs`). */
  readonly analysis?: AnalysisInputs;
  /** Host to listen on (default 127.0.0.1: the API is not exposed to the network unless asked). */
  readonly hostname?: string;
  readonly version?: string;
  /** Accounts, instance mode and trust routes (see `httpSecurityFor`); without it there is no login. */
  readonly security?: HttpSecurity;
  /** The warning desk's clock and key (answer pages; issuing with accounts). */
  readonly desk?: HttpDeps["desk"];
  /** Where the live assessment delivers its alerts (see `liveNotifiersFrom`); none by default. */
  readonly notifiers?: readonly AlertNotifier[];
}

export interface RunningServer {
  readonly url: string;
  /** Stop accepting connections and wait for open ones to finish. Does not close the store. */
  close(): Promise<void>;
  /** The live assessor (levels and alerts after each write); undefined without a rulebook. */
  readonly live?: LiveAssessor;
}

/**
 * Start the HTTP server and print its address on stderr (stdout stays free for `--json` output).
 * @example const s = await startServer({ store, port: 8787, webRoot: "web/dist", io }); … await s.close();
 */
export async function startServer(o: StartServerOptions): Promise<RunningServer> {
  const hasDashboard = existsSync(join(o.webRoot, "index.html"));
  if (!hasDashboard)
    o.io.err(
      `tocsin serve: no dashboard build in ${o.webRoot} (run \`npm run build:web\`); serving the API only\n`,
    );
  const log = (m: string) => o.io.err(`${m}\n`);
  // Live assessment after each write (issue 15): the same rulebook and lexicon as the analyses, as of now.
  const live = o.analysis?.rulebook
    ? new LiveAssessor({
        store: o.store,
        rulebook: o.analysis.rulebook,
        ...(o.analysis.lexicon ? { lexicon: o.analysis.lexicon } : {}),
        clock: o.desk?.clock ?? systemClock,
        ...(o.notifiers ? { notifiers: o.notifiers } : {}),
        ...(o.desk ? { deskKey: o.desk.deskKey } : {}),
        log,
      })
    : undefined;
  const app = createApp({
    store: o.store,
    version: o.version ?? "0.1.0",
    ...(hasDashboard ? { webRoot: o.webRoot } : {}),
    ...(o.analysis ? { analysis: o.analysis } : {}),
    ...(o.security ? { security: o.security } : {}),
    ...(o.desk ? { desk: o.desk } : {}),
    ...(live ? { live } : {}),
    // A served desk answers reads from the latest analysis while a write's replay runs (writers still see
    // their own writes: http/cache/version-headers.ts).
    readCache: { maxStaleMs: SERVED_MAX_STALE_MS },
    log,
  });
  const hostname = o.hostname ?? "127.0.0.1";
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port, hostname }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : o.port;
  const url = `http://${hostname === "127.0.0.1" || hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`;
  o.io.err(
    `Tocsin is serving on ${url}  (API: ${url}/api, OpenAPI: ${url}/api/openapi.json; Ctrl-C stops)\n`,
  );
  return {
    url,
    ...(live ? { live } : {}),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; end idle ones now.
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      // Let an assessment in flight finish before the store closes.
      await live?.idle();
    },
  };
}

/**
 * The package's rulebook and naming lexicon; a problem with either is reported on stderr and leaves it out
 * (the endpoints that need it then answer 503) rather than stopping the server.
 */
export async function loadAnalysisInputs(packageRoot: string, io: CliIo): Promise<AnalysisInputs> {
  const rb = await loadRulebook(packageRoot);
  if (!rb.ok)
    io.err(
      `tocsin serve: the rulebook has ${rb.problems.length} problem(s); assessments and alerts are disabled\n`,
    );
  const lex = await readLexicon(join(packageRoot, "rulebook", "lexicon"));
  if (!lex.ok)
    io.err(`tocsin serve: the naming lexicon has ${lex.problems.length} problem(s); naming is disabled\n`);
  return { ...(rb.ok ? { rulebook: rb.rulebook } : {}), ...(lex.ok ? { lexicon: lex.lexicon } : {}) };
}

/** Resolve when the process receives SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(sig);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
  });
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw usageError(`--port must be a whole number 0–65535, not "${text}"`);
  return n;
}

/** Register `tocsin serve`. */
export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description("serve the HTTP API and the dashboard (default http://localhost:8787)")
    .option("--db <path>", "store: SQLite file or postgres:// URL", ctx.defaultDb)
    .option("--port <n>", "port to listen on", String(ctx.defaultPort))
    .action(async (opts: { db: string; port: string }) => {
      const port = parsePort(opts.port);
      await withStore(opts.db, async (store) => {
        const analysis = await loadAnalysisInputs(ctx.packageRoot, ctx.io);
        const security = httpSecurityFor(ctx, opts.db);
        const server = await startServer({
          store,
          port,
          webRoot: join(ctx.packageRoot, "web", "dist"),
          io: ctx.io,
          analysis,
          security,
          desk: { clock: systemClock, deskKey: deskKeyFrom(security.fieldKey) },
          notifiers: liveNotifiersFrom(ctx.env),
        });
        // The desk's worker runs inside serve (see docs/notify.md); `tocsin worker` runs it alone.
        const stopWorker = startDeskWorker(ctx, opts.db, store);
        const sig = await untilSignal();
        ctx.io.err(`tocsin serve: ${sig} received, stopping\n`);
        await stopWorker();
        await server.close();
      });
    });
}
