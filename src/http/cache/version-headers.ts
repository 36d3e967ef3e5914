/**
 * The headers that tell a client which store version it was answered at, and let it ask for at least one.
 * A cached read (cached-answer.ts) says `Tocsin-Version: <version it was computed at>`; a write says the
 * version just after it. A read with `Tocsin-Min-Version: v` is never given an answer older than v — with a
 * staleness bound (ReadCacheLimits.maxStaleMs) it waits for the fresh one instead. Versions are
 * storage/store-version.ts's `<log head>.<case count>`, compared by `versionAtLeast`.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { readCacheOf } from "./read-cache.js";

/** The store version an answer was computed at, or a write left the store at. */
export const VERSION_HEADER = "Tocsin-Version";
/** Asked by a client: answer at this store version or a later one. */
export const MIN_VERSION_HEADER = "Tocsin-Min-Version";

/**
 * After a successful write (any method but GET/HEAD/OPTIONS under /api), read the store version — the commit
 * moved the change mark, so this reads the store — answer it in `Tocsin-Version`, and remember it as the
 * writer's, so their next reads through this process never miss the write even when stale answers are served.
 * @example app.use("/api/*", writeVersions(deps));
 */
export function writeVersions(deps: HttpDeps): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return;
    if (c.res.status < 200 || c.res.status >= 300) return;
    const cache = readCacheOf(deps);
    const version = await cache.versions.current();
    c.res.headers.set(VERSION_HEADER, version);
    const userId = c.get("principal")?.userId;
    if (userId !== undefined) cache.writes.set(userId, version);
  };
}
