/**
 * The engine's daily replay of a case, run on a worker thread (replay.worker.ts): one thread per set of
 * analysis inputs (rulebook and lexicon: one per server), jobs one after another. The API's event loop only
 * copies the case to the thread and the result back (milliseconds), so reads keep being served while a write's
 * replay runs. Whoever calls it falls back to replaying inline when the thread cannot be used.
 * @module
 */
import { Worker } from "node:worker_threads";
import type { CaseBundle } from "../../domain/index.js";
import type { ReplayResult } from "../../engine/index.js";
import type { AnalysisInputs } from "../case-analysis.js";

interface Pending {
  readonly resolve: (r: ReplayResult) => void;
  readonly reject: (e: Error) => void;
}

/** One worker and its jobs in flight. */
class ReplayThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  broken = false;

  constructor(inputs: AnalysisInputs) {
    this.#worker = spawn(inputs);
    this.#worker.unref();
    this.#worker.on("message", (m: { id: number; result?: ReplayResult; error?: string }) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (m.result) p.resolve(m.result);
      else p.reject(new Error(`replay failed: ${m.error ?? "unknown error"}`));
    });
    const fail = (e: Error) => {
      this.broken = true;
      for (const p of this.#pending.values()) p.reject(e);
      this.#pending.clear();
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`replay thread exited (code ${code})`)));
  }

  run(bundle: CaseBundle, to: string): Promise<ReplayResult> {
    const id = (this.#next += 1);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // Held while a job is in flight, so a process waiting for one does not exit under it.
      this.#worker.ref();
      try {
        this.#worker.postMessage({ id, bundle, to });
      } catch (e) {
        this.#pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }
}

/** The worker, from the built .js beside this file, or (tests, tsx) from the .ts source through tsx. */
function spawn(inputs: AnalysisInputs): Worker {
  const workerData = { rulebook: inputs.rulebook, lexicon: inputs.lexicon };
  if (import.meta.url.endsWith(".js"))
    return new Worker(new URL("./replay.worker.js", import.meta.url), { workerData });
  const source = new URL("./replay.worker.ts", import.meta.url).href;
  return new Worker(
    `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(source)}); });`,
    { eval: true, workerData },
  );
}

const threads = new WeakMap<AnalysisInputs, ReplayThread>();

/**
 * Replay `bundle` day by day up to `to` on the inputs' worker thread (started on first use).
 * @example const result = await replayOffThread(version.bundle, deps.analysis, version.lastDay);
 * @throws when the thread fails or cannot take the case (the caller replays inline instead).
 */
export function replayOffThread(
  bundle: CaseBundle,
  inputs: AnalysisInputs,
  to: string,
): Promise<ReplayResult> {
  let t = threads.get(inputs);
  if (!t || t.broken) {
    t = new ReplayThread(inputs);
    threads.set(inputs, t);
  }
  return t.run(bundle, to);
}
