/**
 * The desk worker: a loop of dispatch passes and deadline-watcher passes, run by `tocsin worker` alone or inside
 * `tocsin serve`. On PostgreSQL any number of workers share the outbox (claims use `FOR UPDATE SKIP LOCKED`) and
 * the watcher (follow-ups are claimed once). On SQLite one process works: it holds the `desk` worker lease, and
 * another one says so and waits for the lease to lapse.
 * @module
 */
import { hostname } from "node:os";
import { acquireWorkerLease, releaseWorkerLease } from "../storage/desk/index.js";
import { isoAfter } from "./clock.js";
import { watchDeadlines, type WatcherDeps } from "./deadline-watcher.js";
import { dispatchOnce, type DispatcherDeps } from "./dispatcher.js";

export interface WorkerOptions {
  readonly dispatcher: DispatcherDeps;
  readonly watcher: WatcherDeps;
  /** Pause between passes when there was nothing to do, in ms (default 1000). */
  readonly pollMs?: number;
  /** Run the deadline watcher every this many ms (default 60 000). */
  readonly watchEveryMs?: number;
  /** Stops the loop (after the pass in flight). */
  readonly signal: AbortSignal;
  /** Progress and problems (stderr). */
  readonly log: (line: string) => void;
}

const WORKER_LEASE = "desk";

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Run until `signal` aborts.
 * @example const stop = new AbortController(); const done = runWorker({ …, signal: stop.signal }); stop.abort(); await done
 */
export async function runWorker(o: WorkerOptions): Promise<void> {
  const { store, clock, owner } = o.dispatcher;
  const pollMs = o.pollMs ?? 1000;
  const watchEveryMs = o.watchEveryMs ?? 60_000;
  const leaseMs = Math.max(10_000, pollMs * 5);
  let lastWatch = -Infinity;
  let waiting = false;
  try {
    while (!o.signal.aborted) {
      if (store.dialect === "sqlite") {
        const now = clock();
        const holder = await acquireWorkerLease(
          store,
          WORKER_LEASE,
          { owner, host: hostname(), pid: process.pid },
          now.toISOString(),
          isoAfter(now, leaseMs),
        );
        if (holder) {
          if (!waiting)
            o.log(
              `tocsin worker: another process (${holder.host}, pid ${holder.pid}) works this SQLite store's deliveries; waiting until it stops`,
            );
          waiting = true;
          await sleep(pollMs, o.signal);
          continue;
        }
        if (waiting) o.log("tocsin worker: the other process stopped; this one works the deliveries now");
        waiting = false;
      }
      let busy = false;
      try {
        const r = await dispatchOnce(o.dispatcher);
        busy = r.claimed > 0;
        if (r.claimed > 0)
          o.log(
            `tocsin worker: ${r.delivered} delivered, ${r.failed} to retry, ${r.dead} dead (of ${r.claimed})`,
          );
        if (clock().getTime() - lastWatch >= watchEveryMs) {
          lastWatch = clock().getTime();
          const w = await watchDeadlines(o.watcher);
          if (w.reminders + w.escalations.length > 0)
            o.log(`tocsin worker: ${w.reminders} reminder(s), ${w.escalations.length} escalation(s) queued`);
        }
      } catch (e) {
        o.log(`tocsin worker: ${e instanceof Error ? e.message : String(e)}; retrying`);
      }
      if (!busy) await sleep(pollMs, o.signal);
    }
  } finally {
    if (store.dialect === "sqlite")
      await releaseWorkerLease(store, WORKER_LEASE, owner).catch(() => undefined);
  }
}
