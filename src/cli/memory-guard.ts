/**
 * A guard against running out of memory part-way through a long job (a replay of a very large store): it
 * checks V8's heap between pages and stops the job with a clear message and exit 2 before the process would
 * crash, while nothing has been written yet.
 * @module
 */
import { getHeapStatistics } from "node:v8";
import { CliError } from "./cli-error.js";

/** The environment variable that caps the heap a guarded job may use, in MB (default: 85% of V8's limit). */
export const MAX_HEAP_ENV = "TOCSIN_MAX_HEAP_MB";

/** The code of the error a guard throws. */
export const OUT_OF_MEMORY = "OUT_OF_MEMORY";

export class MemoryGuard {
  constructor(
    /** Heap bytes the job may use. */
    readonly limitBytes: number,
    /** What the job is, for the message (`the replay of case import-acled`). */
    private readonly what: string,
    private readonly used: () => number = () => getHeapStatistics().used_heap_size,
  ) {}

  /**
   * Throw a CliError (exit 2, code OUT_OF_MEMORY) when the heap is over the limit.
   * @param done how far the job got, for the message (`412000 records read`).
   */
  check(done: string): void {
    const used = this.used();
    if (used <= this.limitBytes) return;
    const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
    throw new CliError(
      `${this.what} needs more memory than this process has (${mb(used)} in use, limit ${mb(this.limitBytes)}, ` +
        `after ${done}); nothing was written. Give Node more memory (NODE_OPTIONS=--max-old-space-size=MB) ` +
        `or replay a shorter period`,
      2,
      OUT_OF_MEMORY,
    );
  }
}

/**
 * The guard for a job: its limit from `TOCSIN_MAX_HEAP_MB` in `env` when set, else 85% of V8's heap limit.
 * @example memoryGuardFor(ctx.env, "the replay of case x").check("1000 records read")
 */
export function memoryGuardFor(env: Readonly<Record<string, string | undefined>>, what: string): MemoryGuard {
  const mb = Number(env[MAX_HEAP_ENV]);
  const limit = Number.isFinite(mb) && mb > 0 ? mb * 2 ** 20 : 0.85 * getHeapStatistics().heap_size_limit;
  return new MemoryGuard(limit, what);
}
