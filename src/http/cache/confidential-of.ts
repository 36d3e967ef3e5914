/** The store's confidential source ids, read once per store version. @module */
import type { Context } from "hono";
import { confidentialSourceIds } from "../../storage/index.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { requestVersion } from "./cached-answer.js";
import { perVersion, readCacheOf } from "./read-cache.js";

/**
 * The ids of every confidential source in the store at this request's version.
 * @example c.set("confidentialSources", await confidentialOf(c, deps));
 */
export async function confidentialOf(c: Context<HttpEnv>, deps: HttpDeps): Promise<ReadonlySet<string>> {
  const cache = readCacheOf(deps);
  const version = await requestVersion(c, deps);
  return perVersion(
    () => cache.confidential,
    (p) => (cache.confidential = p),
    version,
    () => confidentialSourceIds(deps.store),
  );
}
