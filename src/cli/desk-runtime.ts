/**
 * The desk's runtime settings, from the environment values the composition root passed in `ctx.env`:
 * `TOCSIN_SMTP_URL` (smtp://user:password@host:port, or smtps://), `TOCSIN_MAIL_FROM`, `TOCSIN_WEBHOOK_SECRET`,
 * `TOCSIN_PUBLIC_URL` (where answer links point; default http://localhost:PORT), `TOCSIN_DESK_POLL_MS`,
 * `TOCSIN_DESK_MAX_ATTEMPTS`, `TOCSIN_DESK_REMINDER_HOURS`. A channel without its settings is left out (its
 * deliveries wait, and the worker says so once).
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  deskKeyFrom,
  emailChannel,
  outboxChannel,
  runWorker,
  systemClock,
  webhookChannel,
  type DeskChannel,
  type DispatcherDeps,
  type WatcherDeps,
} from "../desk/index.js";
import { MIN_SECRET_LENGTH } from "../notify/index.js";
import type { Store } from "../storage/index.js";
import { installFieldKey } from "../storage/keys/index.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { storeKeySettings } from "./with-store.js";

/** The desk key of the store at `location` (from its field key). */
export function deskKeyFor(location: string): Buffer {
  return deskKeyFrom(installFieldKey(location, storeKeySettings()));
}

function positive(ctx: CliContext, name: string, fallback: number): number {
  const text = ctx.env[name];
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`${name} must be a positive number, not "${text}"`);
  return n;
}

function channelsOf(ctx: CliContext): { channels: Record<string, DeskChannel>; missing: string[] } {
  const channels: Record<string, DeskChannel> = { outbox: outboxChannel() };
  const missing: string[] = [];
  const smtp = ctx.env.TOCSIN_SMTP_URL;
  if (smtp) {
    let u: URL;
    try {
      u = new URL(smtp);
    } catch {
      throw usageError("TOCSIN_SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…");
    }
    if (u.protocol !== "smtp:" && u.protocol !== "smtps:")
      throw usageError("TOCSIN_SMTP_URL must start with smtp:// or smtps://");
    const secure = u.protocol === "smtps:";
    channels.email = emailChannel({
      host: u.hostname,
      port: Number(u.port || (secure ? 465 : 587)),
      secure,
      ...(u.username
        ? { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
        : {}),
      from: ctx.env.TOCSIN_MAIL_FROM ?? "tocsin@localhost",
    });
  } else missing.push("email (set TOCSIN_SMTP_URL)");
  const secret = ctx.env.TOCSIN_WEBHOOK_SECRET;
  if (secret && secret.length >= MIN_SECRET_LENGTH) channels.webhook = webhookChannel({ secret });
  else missing.push(`webhook (set TOCSIN_WEBHOOK_SECRET, at least ${MIN_SECRET_LENGTH} characters)`);
  return { channels, missing };
}

/** Everything a worker loop needs for `store`. */
export interface DeskRuntime {
  readonly dispatcher: DispatcherDeps;
  readonly watcher: WatcherDeps;
  readonly pollMs: number;
  readonly missing: readonly string[];
}

/** Build the desk runtime of the store at `location`. */
export function deskRuntimeFor(ctx: CliContext, location: string, store: Store): DeskRuntime {
  const deskKey = deskKeyFor(location);
  const { channels, missing } = channelsOf(ctx);
  const base = { store, clock: systemClock, deskKey };
  return {
    dispatcher: {
      ...base,
      baseUrl: ctx.env.TOCSIN_PUBLIC_URL ?? `http://localhost:${ctx.defaultPort}`,
      channels,
      owner: `worker-${randomBytes(8).toString("hex")}`,
      maxAttempts: positive(ctx, "TOCSIN_DESK_MAX_ATTEMPTS", 8),
    },
    watcher: {
      ...base,
      actor: "desk-watcher",
      reminderHours: positive(ctx, "TOCSIN_DESK_REMINDER_HOURS", 24),
    },
    pollMs: positive(ctx, "TOCSIN_DESK_POLL_MS", 1000),
    missing,
  };
}

/** Start the worker loop on `store`; the returned function stops it and waits for the pass in flight. */
export function startDeskWorker(ctx: CliContext, location: string, store: Store): () => Promise<void> {
  const rt = deskRuntimeFor(ctx, location, store);
  const log = (line: string) => ctx.io.err(`${line}\n`);
  for (const m of rt.missing) log(`tocsin worker: no ${m}: those deliveries wait`);
  const stop = new AbortController();
  const done = runWorker({
    dispatcher: rt.dispatcher,
    watcher: rt.watcher,
    pollMs: rt.pollMs,
    signal: stop.signal,
    log,
  });
  return async () => {
    stop.abort();
    await done;
  };
}
