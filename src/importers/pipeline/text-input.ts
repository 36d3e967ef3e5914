/**
 * An input file as text: packaging (plain, gzip, zip) undone, bytes decoded, packed bytes counted for progress.
 * @module
 */
import type { Readable } from "node:stream";
import { ImportError } from "../import-error.js";
import { createDecoder, type DetectedEncoding } from "../input/decode.js";
import type { InputLimits } from "../input/limits.js";
import { openInput, type Packaging } from "../input/open-input.js";

/**
 * An opened text input. Destroying `text` (or reading it to the end) closes the file: a reader may stop early.
 */
export interface TextInput {
  readonly text: Readable;
  readonly packaging: Packaging;
  /**
   * Packed bytes to read in all, for the ETA: the file's size (plain, gzip) or the zip entry's compressed
   * size. Always set by {@link openTextInput}.
   */
  readonly totalBytes?: number;
  /** Packed bytes read so far (compressed bytes for gzip and zip), in the unit of `totalBytes`. */
  readonly bytesRead: () => number;
  readonly encoding: () => DetectedEncoding;
}

/** Open `path` as text. Throws ImportError for unreadable files and archive problems. */
export async function openTextInput(path: string, limits: InputLimits): Promise<TextInput> {
  const input = await openInput(path, limits);
  const decoder = createDecoder(path);
  input.stream.on("error", (e) => decoder.stream.destroy(asImportError(e, path)));
  // A reader that stops early destroys the text stream; pipe() would only unpipe and leave the file open
  // (a FileHandle then closed on garbage collection, with a warning), so the input goes with it.
  decoder.stream.once("close", () => {
    if (!input.stream.destroyed) input.stream.destroy();
  });
  input.stream.pipe(decoder.stream);
  return {
    text: decoder.stream,
    packaging: input.packaging,
    totalBytes: input.packedBytes,
    bytesRead: input.packedBytesRead,
    encoding: decoder.encoding,
  };
}

/** Any stream error as an ImportError (zlib's "incorrect header check" and the like become IMPORT_UNREADABLE). */
export function asImportError(e: unknown, path: string): ImportError {
  if (e instanceof ImportError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ImportError("IMPORT_UNREADABLE", `${path}: ${message}`);
}

/**
 * The first text of a file (up to `maxChars`, whole lines where possible), for format detection.
 * Reads and closes its own stream.
 */
export async function sniffText(path: string, limits: InputLimits, maxChars = 256 * 1024): Promise<string> {
  const input = await openTextInput(path, limits);
  let text = "";
  try {
    for await (const chunk of input.text) {
      text += String(chunk);
      if (text.length >= maxChars) break;
    }
  } catch (e) {
    throw asImportError(e, path);
  } finally {
    input.text.destroy();
  }
  return text;
}
