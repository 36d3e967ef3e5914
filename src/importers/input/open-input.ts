/**
 * Open an input file as a byte stream whatever its packaging: plain, gzip (`1f 8b`) or zip (`PK\3\4`), told
 * apart by their magic bytes rather than the file name, with the limits of {@link InputLimits}.
 * @module
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ImportError } from "../import-error.js";
import { limitBytes } from "./byte-limit.js";
import type { InputLimits } from "./limits.js";
import { openZipEntry } from "./unzip.js";

export type Packaging = "plain" | "gzip" | "zip";

/**
 * An opened input: the bytes of the data file, how it was packed, its size on disk, and how far reading has
 * got in packed bytes (for an ETA that also works for compressed inputs, whose unpacked size is unknown).
 * Destroying `stream` closes the file.
 */
export interface OpenedInput {
  readonly stream: Readable;
  readonly packaging: Packaging;
  readonly sizeOnDisk: number;
  /** The file inside a zip, when there was one. */
  readonly entryName?: string;
  /** Packed bytes to read in all: the file's size (plain, gzip) or the zip entry's compressed size. */
  readonly packedBytes: number;
  /** Packed bytes read so far (compressed bytes for gzip and zip), in the unit of `packedBytes`. */
  readonly packedBytesRead: () => number;
}

/** Read the first bytes of a file to tell its packaging. */
export async function sniffPackaging(path: string): Promise<Packaging> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    if (bytesRead >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return "gzip";
    if (bytesRead >= 4 && buf.readUInt32LE(0) === 0x04034b50) return "zip";
    if (bytesRead >= 4 && buf.readUInt32LE(0) === 0x06054b50) return "zip";
    return "plain";
  } finally {
    await fh.close();
  }
}

/**
 * Open `path` for reading. Throws IMPORT_UNREADABLE when the file cannot be read, IMPORT_ARCHIVE_* on a bad archive.
 * @example const input = await openInput("2017.export.CSV.zip", DEFAULT_LIMITS)
 */
export async function openInput(path: string, limits: InputLimits): Promise<OpenedInput> {
  let sizeOnDisk: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new ImportError("IMPORT_UNREADABLE", `${path} is not a file`);
    sizeOnDisk = st.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(
      "IMPORT_UNREADABLE",
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  const packaging = await sniffPackaging(path);
  if (packaging === "zip") {
    const { stream, entry, compressedBytesRead } = await openZipEntry(path, limits);
    return {
      stream,
      packaging,
      sizeOnDisk,
      entryName: entry.name,
      packedBytes: entry.compressedSize,
      packedBytesRead: compressedBytesRead,
    };
  }
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  let consumed = 0;
  raw.on("data", (chunk: Buffer | string) => {
    consumed += chunk.length;
  });
  const progress = { sizeOnDisk, packedBytes: sizeOnDisk, packedBytesRead: () => consumed };
  if (packaging === "gzip") {
    const limiter = limitBytes(limits.maxUncompressedBytes, limits.maxRatio, sizeOnDisk, path);
    // pipeline() destroys the file stream (closing it) on any error and when the reader destroys the end early.
    return { stream: pipeline(raw, createGunzip(), limiter, noop), packaging, ...progress };
  }
  return { stream: raw, packaging, ...progress };
}

function noop(): void {
  // Errors reach the reader through the last stream.
}
