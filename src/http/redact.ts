/**
 * The last gate before an answer leaves: every source object anywhere in a response body goes through
 * `redactSource`, and any stray `protectedIdentity` is dropped. Storage already reads without protected
 * identities by default; this keeps an analysis that embeds a source from leaking one (defence in depth).
 * @module
 */
import { redactCitations, redactSource, type Source } from "../domain/index.js";

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
export function redactDeep<T>(
  value: T,
  viewer: Viewer,
  isConfidential: (sourceId: string) => boolean = () => false,
): T {
  if (viewer.entitled) return value;
  return walk(value, isConfidential) as T;
}

function looksLikeCitation(v: Record<string, unknown>): boolean {
  return typeof v.source === "string" && typeof v.locator === "string";
}

/**
 * A citation to a confidential source keeps its shape (the answer schemas want a string locator) but its
 * locator is blanked and it is labelled, by the domain's one citation rule `redactCitations`.
 */
function redactCitation(obj: Record<string, unknown>, isConfidential: (id: string) => boolean) {
  const [shown] = redactCitations(
    [{ source: obj.source as string, locator: obj.locator as string }],
    isConfidential,
  );
  return shown && !("locator" in shown) ? { ...obj, locator: "", label: shown.label } : obj;
}

function walk(value: unknown, isConfidential: (id: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, isConfidential));
  if (value === null || typeof value !== "object") return value;
  let obj = value as Record<string, unknown>;
  if (looksLikeCitation(obj)) obj = redactCitation(obj, isConfidential);
  // A source is redacted when it says it is confidential, and also when its id is a confidential source's: an
  // earlier version of a source that is confidential now still says `confidential: false`.
  if (looksLikeSource(obj) && (obj.confidential === true || isConfidential(obj.id as string))) {
    const source = { ...obj, confidential: true } as unknown as Source;
    obj = redactSource(source, false) as unknown as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === "protectedIdentity") continue;
    out[k] = walk(v, isConfidential);
  }
  return out;
}
