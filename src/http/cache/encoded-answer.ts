/**
 * Content codings of a cached answer (RFC 9110 §8.4, §12.5.3): the JSON is compressed once per answer and
 * coding, on libuv's thread pool (not the event loop), and kept beside the answer for as long as the answer is
 * cached, so a client that accepts brotli or gzip (every browser does) receives a fifth to a seventh of the
 * bytes at no per-request cost. Each coding is its own representation with its own strong ETag
 * (`"<tag>-br"`, `"<tag>-gzip"`); If-None-Match matches any coding of the same answer, since all of them
 * decode to the same JSON.
 *
 * Bodies made for viewers entitled to confidential sources are never compressed: compressing a secret beside
 * text a writer controls is what BREACH-style attacks measure (the size of the encrypted answer reveals how
 * well a guess compresses against the secret). The redacted answers carry no secret, so they are compressed.
 * @module
 */
import Negotiator from "negotiator";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { CachedAnswer } from "./answer-slot.js";

/** The codings Tocsin serves, in its order of preference when the client likes several equally. */
export type Coding = "br" | "gzip" | "identity";
const OFFERED: readonly Coding[] = ["br", "gzip", "identity"];

/** Below this many bytes, compression saves less than the headers it adds. */
export const MIN_COMPRESSED_BYTES = 1024;

/** Brotli quality 5: within a few per cent of quality 11's size on these answers at a twentieth of its cost. */
const BROTLI_QUALITY = 5;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * The coding to answer with: the client's most preferred among br, gzip and identity (ours breaking ties),
 * identity for bodies too small to gain or when the client accepts none of them (RFC 9110 §12.5.3 lets a
 * server send identity unless the client refuses it; refusing everything is answered the same way).
 * @example negotiateCoding("gzip, deflate, br, zstd", 17_000) // "br"
 */
export function negotiateCoding(acceptEncoding: string | undefined, byteLength: number): Coding {
  if (acceptEncoding === undefined || byteLength < MIN_COMPRESSED_BYTES) return "identity";
  let coding = chosen.get(acceptEncoding);
  if (coding === undefined) {
    // Clients send a handful of distinct headers; a flood of made-up ones only empties the memo.
    if (chosen.size >= MEMO_SIZE) chosen.clear();
    coding = preferred(acceptEncoding);
    chosen.set(acceptEncoding, coding);
  }
  return coding;
}

/** Header → coding: negotiation costs a few microseconds, and every request of a browser sends the same one. */
const chosen = new Map<string, Coding>();
const MEMO_SIZE = 64;

function preferred(acceptEncoding: string): Coding {
  // Negotiator 1.x takes the server's preferred order (its @types lag behind and omit the option).
  const negotiator = new Negotiator({ headers: { "accept-encoding": acceptEncoding } }) as Negotiator & {
    encodings(available: readonly string[], options: { preferred: readonly string[] }): string[];
  };
  const [best] = negotiator.encodings(OFFERED, { preferred: OFFERED });
  return (best as Coding | undefined) ?? "identity";
}

/** One coding of an answer: its bytes and its entity tag. */
export interface EncodedAnswer {
  readonly coding: Coding;
  readonly body: Uint8Array;
  readonly etag: string;
}

const encoded = new WeakMap<CachedAnswer, Map<Coding, Promise<EncodedAnswer>>>();

/**
 * The answer in `coding`, compressed on first use and kept with the answer (a failed compression is not kept:
 * the caller falls back to identity).
 * @example const { body, etag } = await encodeAnswer(answer, "br");
 */
export function encodeAnswer(answer: CachedAnswer, coding: Coding): Promise<EncodedAnswer> {
  const bytes = typeof answer.body === "string" ? Buffer.from(answer.body, "utf8") : answer.body;
  if (coding === "identity") return Promise.resolve({ coding, body: bytes, etag: answer.etag });
  let codings = encoded.get(answer);
  if (!codings) encoded.set(answer, (codings = new Map()));
  const hit = codings.get(coding);
  if (hit) return hit;
  const made = compress(bytes, coding).then((body) => ({
    coding,
    body,
    etag: codingTag(answer.etag, coding),
  }));
  codings.set(coding, made);
  made.catch(() => codings.delete(coding));
  return made;
}

function compress(bytes: Uint8Array, coding: "br" | "gzip"): Promise<Uint8Array> {
  return coding === "br"
    ? brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
        },
      })
    : gzipped(bytes);
}

/** `"abc"` in gzip is `"abc-gzip"`. */
function codingTag(etag: string, coding: Coding): string {
  return coding === "identity" ? etag : `${etag.slice(0, -1)}-${coding}"`;
}

/**
 * If-None-Match against an answer (RFC 9110 §13.1.2, weak comparison): `*`, or a listed tag naming the answer
 * in any of its codings.
 */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  const tags = new Set(OFFERED.map((coding) => codingTag(etag, coding)));
  return header.split(",").some((t) => tags.has(t.trim().replace(/^W\//, "")));
}
