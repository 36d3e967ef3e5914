/**
 * A pass-through stream that fails once more bytes come out of a decompressor than the limits allow, so a
 * decompression bomb stops after a bounded amount of work instead of filling memory or disk.
 * @module
 */
import { Transform, type TransformCallback } from "node:stream";
import { ImportError } from "../import-error.js";

/**
 * Count bytes; fail with IMPORT_ARCHIVE_LIMIT past `maxBytes` or past `maxRatio × compressedBytes`.
 * @example pipeline(source, gunzip, limitBytes(1e9, 100, size), sink)
 */
export function limitBytes(
  maxBytes: number,
  maxRatio: number,
  compressedBytes: number,
  label: string,
): Transform {
  let seen = 0;
  const ratioCap = Math.max(compressedBytes, 1) * maxRatio;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        done(
          new ImportError("IMPORT_ARCHIVE_LIMIT", `${label}: uncompressed size exceeds ${maxBytes} bytes`),
        );
        return;
      }
      // Small files legitimately compress well (a header and repeated zeros); only apply the ratio past 1 MiB.
      if (seen > 1024 * 1024 && seen > ratioCap) {
        done(
          new ImportError(
            "IMPORT_ARCHIVE_LIMIT",
            `${label}: compression ratio above ${maxRatio}:1 (${seen} bytes from ${compressedBytes}) — refusing a possible decompression bomb`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
}
