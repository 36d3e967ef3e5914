/**
 * The worker thread behind replay-thread.ts: runs the pure engine's daily replay of a case, so the minutes of
 * CPU a large case's replay may take never stop the API's event loop. Gets the rulebook and lexicon once
 * (workerData), then one message per case version: `{ id, bundle, to }` → `{ id, result }` or `{ id, error }`.
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import type { CaseBundle, Lexicon } from "../../domain/index.js";
import { replay, type ValidRulebook } from "../../engine/index.js";

interface Job {
  readonly id: number;
  readonly bundle: CaseBundle;
  readonly to: string;
}

const { rulebook, lexicon } = workerData as { rulebook: ValidRulebook; lexicon?: Lexicon };

parentPort?.on("message", (job: Job) => {
  try {
    const result = replay(job.bundle, rulebook, { step: "day", to: job.to, ...(lexicon ? { lexicon } : {}) });
    parentPort?.postMessage({ id: job.id, result });
  } catch (e) {
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
