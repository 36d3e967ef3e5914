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
