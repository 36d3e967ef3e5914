/**
 * Bytes → text for CSV inputs: UTF-8 with or without a BOM, UTF-16 with a BOM, and a Latin-1 fallback when the
 * bytes are not valid UTF-8 (old ACLED and HDX downloads opened and saved in spreadsheet software). A file that
 * looks binary (NUL bytes in its first block without a UTF-16 BOM) is refused instead of producing noise rows.
 * @module
 */
import { isUtf8 } from "node:buffer";
import { Transform, type TransformCallback } from "node:stream";
import { ImportError } from "../import-error.js";

/** The encoding a decoder settled on; `mixed` when a later block was not UTF-8 and fell back to Latin-1. */
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "latin-1" | "mixed";

/** A decoding transform plus what it found, readable after the stream ends. */
export interface Decoder {
  readonly stream: Transform;
  readonly encoding: () => DetectedEncoding;
}

/** Index where the trailing, possibly incomplete UTF-8 sequence of `buf` starts (buf.length when none). */
function utf8Boundary(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0x80) return n; // ASCII: complete
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back < need ? n - back : n;
  }
  return n;
}

/**
 * Create a decoder. Throws (through the stream) IMPORT_NOT_TEXT for binary input.
 * @example readable.pipe(createDecoder(path).stream).pipe(csvParser)
 */
export function createDecoder(label: string): Decoder {
  let first = true;
  let mode: DetectedEncoding = "utf-8";
  let carry: Buffer | undefined;
  let utf16: TextDecoder | undefined;
  let sentAny = false;
  let chunkEnded = false;
  const stream = new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      carry = undefined;
      if (first) {
        if (buf.length < 4 && buf.length > 0 && !chunkEnded) {
          // Too short to sniff: wait for more (the flush handles a file that small).
          carry = buf;
          done();
          return;
        }
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          mode = "utf-8-bom";
          buf = buf.subarray(3);
        } else if (buf[0] === 0xff && buf[1] === 0xfe) {
          mode = "utf-16le";
          utf16 = new TextDecoder("utf-16le");
          buf = buf.subarray(2);
        } else if (buf[0] === 0xfe && buf[1] === 0xff) {
          mode = "utf-16be";
          utf16 = new TextDecoder("utf-16be");
          buf = buf.subarray(2);
        } else if (buf.subarray(0, 64 * 1024).includes(0)) {
          done(
            new ImportError("IMPORT_NOT_TEXT", `${label} is not a text file (NUL bytes in its first block)`),
          );
          return;
        }
      }
      if (utf16) {
        done(null, utf16.decode(buf, { stream: true }));
        return;
      }
      if (mode === "latin-1" || mode === "mixed") {
        done(null, buf.toString("latin1"));
        return;
      }
      const end = utf8Boundary(buf);
      if (end < buf.length) carry = Buffer.from(buf.subarray(end));
      const body = buf.subarray(0, end);
      if (isUtf8(body)) {
        if (body.length > 0) sentAny = true;
        done(null, body.toString("utf8"));
        return;
      }
      // Not UTF-8. Before any text went out, the whole file is Latin-1; later, only the rest is ("mixed").
      mode = sentAny ? "mixed" : "latin-1";
      const all = carry ? Buffer.concat([body, carry]) : body;
      carry = undefined;
      sentAny = true;
      done(null, all.toString("latin1"));
    },
    flush(done: TransformCallback) {
      chunkEnded = true;
      if (!carry) {
        done();
        return;
      }
      const rest = carry;
      carry = undefined;
      if (first) {
        first = false;
        if (rest[0] === 0xef && rest[1] === 0xbb && rest[2] === 0xbf) {
          mode = "utf-8-bom";
          done(null, rest.subarray(3).toString("utf8"));
          return;
        }
        if (rest.includes(0)) {
          done(new ImportError("IMPORT_NOT_TEXT", `${label} is not a text file (NUL bytes)`));
          return;
        }
      }
      if (utf16) {
        done(null, utf16.decode(rest));
        return;
      }
      done(null, mode === "latin-1" || !isUtf8(rest) ? rest.toString("latin1") : rest.toString("utf8"));
    },
  });
  return { stream, encoding: () => mode };
}
