/**
 * What the API keeps between requests, per app (per `HttpDeps`): the store version reader, the serialised
 * answers, the analyses and the cases read, each tied to the store version it was computed at. Nothing here
 * is ever invalidated by hand: a write moves the store's version (see storage/store-version.ts) and its change
 * mark (storage/store-changes.ts), the next request reads the new version and misses, and the old entries age
 * out of the bounded LRU maps. While the mark stays, the version is not read at all (version-reader.ts).
 * @module
 */
import { storeVersion, type StoredCase } from "../../storage/index.js";
import type { CaseAnalysis, CaseVersion } from "../case-analysis.js";
import type { HttpDeps } from "../deps.js";
import type { AnswerSlot } from "./answer-slot.js";
import { LruMap } from "./lru-map.js";
import { VersionReader } from "./version-reader.js";

/** A value read once per store version. */
interface PerVersion<T> {
  readonly version: string;
  readonly value: Promise<T>;
}

export interface ReadCache {
  readonly versions: VersionReader<string>;
  /** Per viewer class, route and query: the latest answer and its computations (answer-slot.ts). */
  readonly answers: LruMap<string, AnswerSlot>;
  readonly analyses: LruMap<string, CaseAnalysis>;
  /** Per user id: the store version after their last write through this app (read-your-writes). */
  readonly writes: LruMap<string, string>;
  /** Per case id: the case as read at one store version (one per case: the store bounds their number). */
  readonly cases: Map<string, PerVersion<CaseVersion>>;
  caseList?: PerVersion<StoredCase[]>;
  confidential?: PerVersion<ReadonlySet<string>>;
}

const caches = new WeakMap<HttpDeps, ReadCache>();

/** The read cache of an app's dependencies, made on first use. */
export function readCacheOf(deps: HttpDeps): ReadCache {
  let c = caches.get(deps);
  if (!c) {
    c = {
      versions: new VersionReader(
        () => {
          // On the mark's own connection when it has one (PostgreSQL), else (or if that fails) through the store.
          const own = deps.store.changes?.readVersion?.();
          return own ? own.catch(() => storeVersion(deps.store)) : storeVersion(deps.store);
        },
        () => deps.store.changes?.mark(),
        () => deps.store.changes?.versionNow?.(),
      ),
      answers: new LruMap(deps.readCache?.answers ?? 256),
      analyses: new LruMap(deps.readCache?.analyses ?? 16),
      writes: new LruMap(4096),
      cases: new Map(),
    };
    caches.set(deps, c);
  }
  return c;
}

/**
 * Let `copy` (the same dependencies with something added, e.g. the write routes' event hub) use `deps`'s read
 * cache rather than a cache of its own, so the write routes see what the read routes cached.
 * @example const writeDeps = { ...deps, live }; shareReadCache(deps, writeDeps);
 */
export function shareReadCache(deps: HttpDeps, copy: HttpDeps): void {
  caches.set(copy, readCacheOf(deps));
}

/**
 * `read()` once per store version: the memo `slot` is replaced when the version moves. A failed read is not
 * kept (the next request tries again).
 * @example const list = await perVersion(cache, "caseList", v, () => listCases(store));
 */
export function perVersion<T>(
  get: () => PerVersion<T> | undefined,
  set: (p: PerVersion<T> | undefined) => void,
  version: string,
  read: () => Promise<T>,
): Promise<T> {
  const hit = get();
  if (hit && hit.version === version) return hit.value;
  const value = read();
  const entry = { version, value };
  set(entry);
  value.catch(() => {
    if (get() === entry) set(undefined);
  });
  return value;
}
