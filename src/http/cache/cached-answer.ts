/**
 * Answers served from the read cache: the JSON body as the viewer may see it, serialised once per store
 * version, viewer class (entitled to confidential sources or not), route and query, with a strong ETag so a
 * client sending If-None-Match gets 304. The redacted and the entitled bodies are different entries: a viewer
 * is never served a body made for a source-handler.
 * @module
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { redactDeep } from "../redact.js";
import { AnswerSlot, type CachedAnswer } from "./answer-slot.js";
import { versionAtLeast } from "../../storage/index.js";
import { readCacheOf, type ReadCache } from "./read-cache.js";
import { encodeAnswer, negotiateCoding, noneMatchHits } from "./encoded-answer.js";
import { MIN_VERSION_HEADER, VERSION_HEADER } from "./version-headers.js";

/** What a cached route computes on a miss: the body, and the confidential sources of the data it came from. */
export interface FreshAnswer {
  readonly body: object;
  /** Ids of confidential sources in the data read (added to the store-wide list when redacting). */
  readonly confidential?: ReadonlySet<string>;
}

/** The store version this request reads at (read once per request, shared with concurrent requests). */
export async function requestVersion(c: Context<HttpEnv>, deps: HttpDeps): Promise<string> {
  const known = c.get("storeVersion");
  if (known !== undefined) return known;
  const v = await readCacheOf(deps).versions.current();
  c.set("storeVersion", v);
  return v;
}

/**
 * Answer 200 with the cached body for `key` at this request's store version, computing it with `make` when
 * the store has changed (one computation at a time per key: see answer-slot.ts; a failure is not kept), or
 * 304 when If-None-Match names it.
 * Typed `never` like `ok` (respond.ts), so it satisfies each route's declared response.
 * @example return cachedOk(c, deps, `timeline\u0000${caseId}`, async () => ({ body: await timelineOf(caseId) }));
 */
export function cachedOk(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  key: string,
  make: () => Promise<FreshAnswer>,
): Promise<never> {
  return answer(c, deps, key, make) as Promise<never>;
}

async function answer(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  key: string,
  make: () => Promise<FreshAnswer>,
): Promise<Response> {
  const cache = readCacheOf(deps);
  const version = await requestVersion(c, deps);
  const viewer = c.get("viewer");
  const slotKey = `${viewer.entitled ? "entitled" : "redacted"}\u0000${key}`;
  const slot = cache.answers.getOrSet(slotKey, () => new AnswerSlot(deps.readCache?.maxStaleMs ?? 0));
  const storeWide = c.get("confidentialSources") ?? new Set<string>();
  const min = minimumVersion(c, cache);
  const served = await slot.at(
    version,
    async (at) => {
      // A queued computation reads the version when it starts: the data it reads next is at least that recent.
      const used = at ?? (await cache.versions.current());
      const { body, confidential } = await make();
      const isConfidential = (id: string) => storeWide.has(id) || (confidential?.has(id) ?? false);
      return { version: used, answer: serialise(redactDeep(body, viewer, isConfidential)) };
    },
    (latest) => min === undefined || versionAtLeast(latest.version, min),
  );
  const { answer } = served;
  // Only redacted bodies are compressed (encoded-answer.ts: no secret beside writer-controlled text).
  const coding = viewer.entitled
    ? "identity"
    : negotiateCoding(c.req.header("Accept-Encoding"), bodyLength(answer));
  const variant = await encodeAnswer(answer, coding).catch(() => encodeAnswer(answer, "identity"));
  // The store version the answer was computed at: older than the store's while a stale answer is served.
  const headers: Record<string, string> = {
    ETag: variant.etag,
    Vary: "Accept-Encoding",
    [VERSION_HEADER]: served.version,
  };
  if (noneMatchHits(c.req.header("If-None-Match"), answer.etag)) return c.body(null, 304, headers);
  if (variant.coding !== "identity") headers["Content-Encoding"] = variant.coding;
  headers["Content-Type"] = "application/json";
  return c.body(variant.body as Uint8Array<ArrayBuffer>, 200, headers);
}

function bodyLength(answer: CachedAnswer): number {
  return typeof answer.body === "string" ? Buffer.byteLength(answer.body) : answer.body.byteLength;
}

/**
 * The oldest version this request may be answered at: what the client asks for (`Tocsin-Min-Version`, e.g. the
 * `Tocsin-Version` its write was answered with), and at least its user's last write through this process.
 */
function minimumVersion(c: Context<HttpEnv>, cache: ReadCache): string | undefined {
  const asked = c.req.header(MIN_VERSION_HEADER);
  const userId = c.get("principal")?.userId;
  const own = userId === undefined ? undefined : cache.writes.get(userId);
  if (asked === undefined) return own;
  if (own === undefined) return asked;
  return versionAtLeast(asked, own) ? asked : own;
}

function serialise(value: unknown): CachedAnswer {
  // Kept as bytes: the server writes them as they are, where a string is measured and encoded per response.
  const body = Buffer.from(JSON.stringify(value), "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, etag };
}
