/** The bounds of the API's read caches, set through `HttpDeps.readCache`. @module */

/** Bounds of the read caches (entries, not bytes). */
export interface ReadCacheLimits {
  /** Serialised answers kept (default 256): the latest per viewer class, route and query. */
  readonly answers?: number;
  /** Analyses (one case as of one day) kept (default 16). */
  readonly analyses?: number;
  /**
   * How long (ms) an answer may still be served after a write while its successor is computed (default 0:
   * every read reflects every write committed before it). See answer-slot.ts.
   */
  readonly maxStaleMs?: number;
}

/**
 * The staleness bound `tocsin serve` uses: 5 s. An analysis that needs the engine's daily replay (the ledger,
 * alerts, gaps, scorecard) takes from tens of milliseconds to seconds to recompute after a write; for that long
 * (at most 5 s after the answer served was computed) readers get the answer before the write — labelled with
 * its version in `Tocsin-Version` — instead of queueing behind the replay. The writer, and any client sending
 * `Tocsin-Min-Version`, waits for an answer that has the write (version-headers.ts).
 */
export const SERVED_MAX_STALE_MS = 5000;
