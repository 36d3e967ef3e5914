/**
 * The last gate before an answer leaves: every source object anywhere in a response body goes through
 * `redactSource`, and any stray `protectedIdentity` is dropped. Storage already reads without protected
 * identities by default; this keeps an analysis that embeds a source from leaking one (defence in depth).
 * @module
 */
import { redactSource, type Source } from "../domain/index.js";

/** Who is asking. This issue has no login: everyone gets the redacted view; accounts will set `entitled`. */
export interface Viewer {
  /** May see confidential sources' identities (a source-handler, later). */
  readonly entitled: boolean;
}

/** The anonymous, redacted viewer. */
export const ANONYMOUS: Viewer = { entitled: false };

function looksLikeSource(v: Record<string, unknown>): boolean {
  return typeof v.confidential === "boolean" && typeof v.reliability === "string" && typeof v.id === "string";
}

/**
 * A deep copy of `value` as `viewer` may see it. Runs in O(size of the value).
 * @example redactDeep({ items: [informant] }, ANONYMOUS).items[0].title // "Protected source"
 */
export function redactDeep<T>(value: T, viewer: Viewer): T {
  if (viewer.entitled) return value;
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (value === null || typeof value !== "object") return value;
  let obj = value as Record<string, unknown>;
  if (looksLikeSource(obj) && obj.confidential === true) {
    obj = redactSource(obj as unknown as Source, false) as unknown as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === "protectedIdentity") continue;
    out[k] = walk(v);
  }
  return out;
}
