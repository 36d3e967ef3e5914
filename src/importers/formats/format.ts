/**
 * The shape every import format implements: how to split its text, how to recognise it from its first rows,
 * and how to bind its header to a row mapper. Formats are plain objects registered in `formats/index.ts`.
 * @module
 */
import type { Credibility, Reliability } from "../../domain/index.js";
import type { MappedRow } from "../mapping/mapped-row.js";

export const FORMAT_NAMES = ["acled", "ucdp-ged", "gdelt", "hxl", "tocsin"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** What the import knows when it binds a format: the file's source record id and the user's options. */
export interface FormatContext {
  /** Id of the Source record created for this file; every record cites it. */
  readonly sourceId: string;
  /** Dataset release given on the command line (`--release 23.1`), if any. */
  readonly release?: string;
}

/** Maps one row (its fields and line) to a record, a deletion, a skip or a reject. */
export type RowMapper = (fields: readonly string[], line: number) => MappedRow;

/** A bound format: the mapper, how many fields a row must have, and what the file turned out to be. */
export interface BoundFormat {
  readonly map: RowMapper;
  /** Exact field count a row must have (header length, or the fixed layout). */
  readonly width: number;
  /** A sub-kind worth reporting, e.g. "deletion list". */
  readonly variant?: string;
}

/** How a format's text is split. */
export interface Layout {
  readonly delimiter: string;
  readonly quote: boolean;
  /**
   * Rows before the data: 0 (GDELT, Tocsin JSON lines), 1 (a header), or for HXL the header rows up to and
   * including the hashtag row (1 when the hashtag row comes first, up to {@link HXL_MAX_HEADER_ROWS} + 1).
   */
  readonly headerRows: number;
}

/** Most header rows an HXL file may have before its hashtag row. */
export const HXL_MAX_HEADER_ROWS = 25;

/** The start of a file as `resolveFormat` sniffed it. */
export interface SniffedHead {
  /** The first line, without its line end. */
  readonly firstLine: string;
  /** The first rows split as CSV (at least {@link HXL_MAX_HEADER_ROWS} + 1 when the file has them). */
  readonly rows: readonly (readonly string[])[];
}

/** Provenance for the Source record of an imported file. */
export interface DatasetInfo {
  readonly title: string;
  readonly url: string;
  readonly licence: string;
  readonly attribution: string;
  readonly reliability: Reliability;
  readonly credibility: Credibility;
}

/** One import format. */
export interface ImportFormat {
  readonly name: FormatName;
  /** Prefix of record ids (`acled.arg10607`). */
  readonly idPrefix: string;
  readonly dataset: DatasetInfo;
  /**
   * True when rows may be Source records (which may be confidential): importing such a file into a store
   * without a field key first checks that none is, so nothing is written when one would need encrypting.
   */
  readonly importsSources?: boolean;
  /** The layout, possibly depending on the first line (Tocsin CSV vs JSON lines). */
  layout(firstLine: string): Layout;
  /** True when the first rows look like this format (for `auto`). */
  detect(firstLine: string, rows: readonly (readonly string[])[]): boolean;
  /**
   * Look at the file's head before anything is read in earnest (called by `resolveFormat`, for a named format
   * and for a detected one): return the format specialised to this file (e.g. HXL with its number of header
   * rows), or the message saying why the file is not of this format (e.g. a headerless file whose first row
   * has the wrong number of columns), which becomes a file-level error. Absent: the format as it is.
   */
  sniff?(head: SniffedHead): ImportFormat | { readonly error: string };
  /**
   * Bind the header rows to a mapper, or return the message naming what is wrong (missing columns).
   * `header` holds the `headerRows` first rows.
   */
  bind(header: readonly (readonly string[])[], ctx: FormatContext): BoundFormat | { readonly error: string };
}

/**
 * A header cell as binding and detection compare it: trimmed, without a byte-order mark, lower-cased.
 * @example headerKey(" \uFEFFEvent_ID_Cnty ") // "event_id_cnty"
 */
export function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();
}

/** The normalised names of a header row (see {@link headerKey}), for detection. */
export function headerKeys(row: readonly string[]): ReadonlySet<string> {
  return new Set(row.map(headerKey));
}

/**
 * Index columns by name and list the required ones that are missing. Header cells are compared by
 * {@link headerKey} (so ` Event_ID_Cnty` is `event_id_cnty`); the index is keyed by the names in `required`
 * and `known` as the caller spells them, other columns by their key.
 * @example columnIndex(["a", "B"], ["a", "b", "c"]) // { index: Map{a→0,b→1}, missing: ["c"] }
 */
export function columnIndex(
  header: readonly string[],
  required: readonly string[],
  known: readonly string[] = [],
): { readonly index: ReadonlyMap<string, number>; readonly missing: readonly string[] } {
  const spelling = new Map<string, string>();
  for (const name of [...required, ...known]) spelling.set(headerKey(name), name);
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = headerKey(h);
    const name = spelling.get(key) ?? key;
    if (!index.has(name)) index.set(name, i);
  });
  return { index, missing: required.filter((c) => !index.has(c)) };
}

/** "a" or "an" before a format name (an ACLED, an HXL, a UCDP, a Tocsin). */
function article(name: string): string {
  return /^[AEIO]/i.test(name) || /^HXL/.test(name) ? "an" : "a";
}

/** The message for missing columns. */
export function missingColumnsMessage(
  format: string,
  missing: readonly string[],
  found: readonly string[],
): string {
  const shown = found.slice(0, 12).join(", ") + (found.length > 12 ? ", …" : "");
  return `not ${article(format)} ${format} file: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${shown || "no columns"})`;
}
