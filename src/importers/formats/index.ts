/**
 * The registry of import formats and format detection from the first rows of a file.
 * @module
 */
import { acledFormat } from "./acled.format.js";
import type { FormatName, ImportFormat } from "./format.js";
import { gdeltFormat } from "./gdelt.format.js";
import { hxlFormat } from "./hxl.format.js";
import { tocsinFormat } from "./tocsin.format.js";
import { ucdpGedFormat } from "./ucdp-ged.format.js";

export { FORMAT_NAMES, type FormatName, type ImportFormat } from "./format.js";

/** Every format, in detection order (most specific header first). */
export const FORMATS: readonly ImportFormat[] = [
  acledFormat,
  ucdpGedFormat,
  hxlFormat,
  tocsinFormat,
  gdeltFormat,
];

/** The format called `name`, or `undefined`. */
export function formatByName(name: string): ImportFormat | undefined {
  return FORMATS.find((f) => f.name === name);
}

/**
 * The format whose header the first rows match, or `undefined`. `rows` are the first rows split as CSV.
 * @example detectFormat(firstLine, rows)?.name // "acled"
 */
export function detectFormat(
  firstLine: string,
  rows: readonly (readonly string[])[],
): ImportFormat | undefined {
  return FORMATS.find((f) => f.detect(firstLine, rows));
}

export type { FormatName as Format };
