/**
 * A small streaming unzip for the one data file of a provider's `.zip` (GDELT and ACLED ship CSVs zipped).
 * It reads the central directory (so sizes are known even when local headers use data descriptors), checks
 * the entry count, declared sizes and ratio, then inflates the chosen entry as a stream through
 * {@link limitBytes}, which enforces the same limits on the actual bytes.
 * @module
 */
import { open, type FileHandle } from "node:fs/promises";
import { pipeline, Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { ImportError } from "../import-error.js";
import { limitBytes } from "./byte-limit.js";
import type { InputLimits } from "./limits.js";

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly flags: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

function bad(message: string): ImportError {
  return new ImportError("IMPORT_ARCHIVE_INVALID", message);
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** Read the central directory of the zip file at `path`. Throws IMPORT_ARCHIVE_* on a broken or hostile archive. */
export async function listZip(path: string, limits: InputLimits): Promise<readonly ZipEntry[]> {
  const fh = await open(path, "r");
  try {
    const size = (await fh.stat()).size;
    // The end-of-central-directory record is 22 bytes plus a comment of at most 65,535 bytes.
    const tailLen = Math.min(size, 22 + 65_535);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw bad(`${path}: not a zip archive (no end of central directory)`);
    const count = tail.readUInt16LE(eocd + 10);
    const cenSize = tail.readUInt32LE(eocd + 12);
    const cenOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cenOffset === 0xffffffff) throw bad(`${path}: zip64 archives are not supported`);
    if (count > limits.maxZipEntries) {
      throw new ImportError(
        "IMPORT_ARCHIVE_LIMIT",
        `${path}: ${count} entries (limit ${limits.maxZipEntries})`,
      );
    }
    if (cenOffset + cenSize > size) throw bad(`${path}: central directory lies outside the file`);
    const cen = await readAt(fh, cenOffset, cenSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cen.length || cen.readUInt32LE(p) !== CEN_SIG)
        throw bad(`${path}: corrupt central directory`);
      const nameLen = cen.readUInt16LE(p + 28);
      const extraLen = cen.readUInt16LE(p + 30);
      const commentLen = cen.readUInt16LE(p + 32);
      entries.push({
        flags: cen.readUInt16LE(p + 8),
        method: cen.readUInt16LE(p + 10),
        compressedSize: cen.readUInt32LE(p + 20),
        uncompressedSize: cen.readUInt32LE(p + 24),
        localHeaderOffset: cen.readUInt32LE(p + 42),
        name: cen.toString("utf8", p + 46, p + 46 + nameLen),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/**
 * Whether an entry is packaging rather than data: a directory, anything under macOS Finder's `__MACOSX/`
 * (AppleDouble `._*` resource forks), a dot-file or anything in a dot-folder (`.DS_Store`, `._acled.csv`),
 * or a readme or licence file.
 * @example isIgnoredEntry("__MACOSX/._acled.csv") // true
 */
export function isIgnoredEntry(name: string): boolean {
  if (name.endsWith("/") || name.endsWith("\\")) return true;
  const segments = name.split(/[/\\]/).filter((s) => s.length > 0);
  if (segments.length === 0) return true;
  if (segments.some((s) => s === "__MACOSX" || s.startsWith("."))) return true;
  return /^(readme|license|licence)/i.test(segments[segments.length - 1] as string);
}

/** The data entry to import: the only entry that is not a directory, a readme or licence, or a macOS/dot-file. */
export function pickEntry(path: string, entries: readonly ZipEntry[]): ZipEntry {
  const files = entries.filter((e) => !isIgnoredEntry(e.name));
  if (files.length === 0) throw bad(`${path}: the archive holds no data file`);
  if (files.length > 1) {
    throw bad(
      `${path}: the archive holds ${files.length} data files (${files.map((f) => f.name).join(", ")}); extract the one to import`,
    );
  }
  return files[0] as ZipEntry;
}

/**
 * Open the single data entry of a zip as a byte stream, enforcing declared and actual size limits.
 * @example const { stream, entry } = await openZipEntry("events.zip", DEFAULT_LIMITS)
 */
export async function openZipEntry(
  path: string,
  limits: InputLimits,
): Promise<{
  readonly stream: Readable;
  readonly entry: ZipEntry;
  /** Bytes of the entry's compressed data read from the file so far (for progress against compressedSize). */
  readonly compressedBytesRead: () => number;
}> {
  const entry = pickEntry(path, await listZip(path, limits));
  if (entry.flags & 1) throw bad(`${path}: ${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw bad(`${path}: ${entry.name} uses compression method ${entry.method} (only stored and deflate)`);
  }
  if (entry.uncompressedSize > limits.maxUncompressedBytes) {
    throw new ImportError(
      "IMPORT_ARCHIVE_LIMIT",
      `${path}: ${entry.name} declares ${entry.uncompressedSize} bytes (limit ${limits.maxUncompressedBytes})`,
    );
  }
  if (
    entry.uncompressedSize > 1024 * 1024 &&
    entry.uncompressedSize > Math.max(entry.compressedSize, 1) * limits.maxRatio
  ) {
    throw new ImportError(
      "IMPORT_ARCHIVE_LIMIT",
      `${path}: ${entry.name} declares a compression ratio above ${limits.maxRatio}:1 — refusing a possible decompression bomb`,
    );
  }
  const fh = await open(path, "r");
  let raw: Readable;
  try {
    const local = await readAt(fh, entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOC_SIG) {
      throw bad(`${path}: corrupt local header for ${entry.name}`);
    }
    const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (entry.compressedSize === 0) {
      // An empty stored entry: nothing to read (a read stream cannot cover an empty range), so no handle kept.
      await fh.close();
      raw = Readable.from([]);
    } else {
      // The stream owns the handle from here: it closes it at the end of the range and when destroyed.
      raw = fh.createReadStream({
        start: dataStart,
        end: dataStart + entry.compressedSize - 1,
        autoClose: true,
      });
    }
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw e;
  }
  let consumed = 0;
  raw.on("data", (chunk: Buffer) => {
    consumed += chunk.length;
  });
  // The actual output is limited by the declared size too: a lying header cannot smuggle more bytes through.
  const cap = Math.min(limits.maxUncompressedBytes, Math.max(entry.uncompressedSize, 0));
  const limiter = limitBytes(cap, limits.maxRatio, entry.compressedSize, `${path}: ${entry.name}`);
  // pipeline() destroys every stage on any error and when the last stage is destroyed early (a reader that
  // stops after the header), so the file handle is closed on every path.
  const stream =
    entry.method === 0 ? pipeline(raw, limiter, noop) : pipeline(raw, createInflateRaw(), limiter, noop);
  return { stream, entry, compressedBytesRead: () => consumed };
}

function noop(): void {
  // Errors reach the reader through the last stream; nothing else to do here.
}
