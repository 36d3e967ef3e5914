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
  /** Rows before the data: 0 (GDELT), 1 (a header), 2 (header + HXL hashtag row). */
  readonly headerRows: 0 | 1 | 2;
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
   * Bind the header rows to a mapper, or return the message naming what is wrong (missing columns).
   * `header` holds the `headerRows` first rows.
   */
  bind(header: readonly (readonly string[])[], ctx: FormatContext): BoundFormat | { readonly error: string };
}

/**
 * Index columns by name and list the required ones that are missing.
 * @example columnIndex(["a", "b"], ["a", "c"]) // { index: Map{a→0,b→1}, missing: ["c"] }
 */
export function columnIndex(
  header: readonly string[],
  required: readonly string[],
): { readonly index: ReadonlyMap<string, number>; readonly missing: readonly string[] } {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.trim().replace(/^\uFEFF/, "");
    if (!index.has(key)) index.set(key, i);
  });
  return { index, missing: required.filter((c) => !index.has(c)) };
}

/** The message for missing columns. */
export function missingColumnsMessage(
  format: string,
  missing: readonly string[],
  found: readonly string[],
): string {
  const shown = found.slice(0, 12).join(", ") + (found.length > 12 ? ", …" : "");
  return `not a ${format} file: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${shown || "no columns"})`;
}
