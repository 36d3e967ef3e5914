/**
 * Bytes → text for CSV inputs: UTF-8 with or without a BOM, UTF-16 with a BOM, and a Windows-1252 fallback when
 * the bytes are not valid UTF-8 (old ACLED and HDX downloads opened and saved in spreadsheet software, which
 * writes “curly quotes”, – dashes and € as bytes 0x80–0x9F). Windows-1252 is Latin-1 but for those 32 bytes, so
 * Latin-1 files read the same. A file that looks binary (NUL bytes in its first block without a UTF-16 BOM) is
 * refused instead of producing noise rows.
 * @module
 */
import { isUtf8 } from "node:buffer";
import { Transform, type TransformCallback } from "node:stream";
import { ImportError } from "../import-error.js";

/** The encoding a decoder settled on; `mixed` when a later block was not UTF-8 and fell back to Windows-1252. */
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252" | "mixed";

/**
 * Windows-1252 bytes 0x80–0x9F as the WHATWG Encoding Standard maps them (index-windows-1252). The five bytes
 * Windows leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 code points of the same value, as in
 * browsers. Not `new TextDecoder("windows-1252").decode()`: Node 20 (since 20.18.3) decodes that as Latin-1
 * when not streaming (nodejs/node#60888), and a small-ICU build has no windows-1252 at all.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
].map((c) => String.fromCharCode(c));

/** Decode Windows-1252 bytes (every byte is one character, so chunks need no carry). */
export function decodeWindows1252(buf: Buffer): string {
  return buf
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80] as string);
}

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
      if (mode === "windows-1252" || mode === "mixed") {
        done(null, decodeWindows1252(buf));
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
      // Not UTF-8. Before any text went out, the whole file is Windows-1252; later, only the rest is ("mixed").
      mode = sentAny ? "mixed" : "windows-1252";
      const all = carry ? Buffer.concat([body, carry]) : body;
      carry = undefined;
      sentAny = true;
      done(null, decodeWindows1252(all));
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
      if (isUtf8(rest)) {
        done(null, rest.toString("utf8"));
        return;
      }
      // The last bytes are not UTF-8 (e.g. a file ending in a Windows-1252 "é"): say so, as for any other block.
      mode = sentAny ? "mixed" : "windows-1252";
      done(null, decodeWindows1252(rest));
    },
  });
  return { stream, encoding: () => mode };
}
