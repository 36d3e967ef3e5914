/**
 * An input file as text: packaging (plain, gzip, zip) undone, bytes decoded, bytes counted for progress.
 * @module
 */
import type { Readable } from "node:stream";
import { ImportError } from "../import-error.js";
import { createDecoder, type DetectedEncoding } from "../input/decode.js";
import type { InputLimits } from "../input/limits.js";
import { openInput, type Packaging } from "../input/open-input.js";

/** An opened text input. */
export interface TextInput {
  readonly text: Readable;
  readonly packaging: Packaging;
  /** Bytes to read in all when known (plain and zip), for the ETA. */
  readonly totalBytes?: number;
  readonly bytesRead: () => number;
  readonly encoding: () => DetectedEncoding;
}

/** Open `path` as text. Throws ImportError for unreadable files and archive problems. */
export async function openTextInput(path: string, limits: InputLimits): Promise<TextInput> {
  const input = await openInput(path, limits);
  const decoder = createDecoder(path);
  let bytes = 0;
  input.stream.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
  });
  input.stream.on("error", (e) => decoder.stream.destroy(asImportError(e, path)));
  input.stream.pipe(decoder.stream);
  const totalBytes = input.packaging === "plain" ? input.sizeOnDisk : undefined;
  return {
    text: decoder.stream,
    packaging: input.packaging,
    ...(totalBytes !== undefined ? { totalBytes } : {}),
    bytesRead: () => bytes,
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
