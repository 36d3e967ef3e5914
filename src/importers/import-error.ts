/**
 * Named importer errors with stable codes. A file-level problem (unreadable archive, wrong columns, a
 * decompression bomb) is an {@link ImportError}; a bad row is never thrown, it becomes a reject in the report.
 * @module
 */

/** Stable codes; the CLI maps them to exit code 2 (invalid input, nothing written). Never rename. */
export const IMPORT_ERROR_CODES = [
  "IMPORT_UNKNOWN_FORMAT",
  "IMPORT_FORMAT_NOT_DETECTED",
  "IMPORT_MISSING_COLUMNS",
  "IMPORT_EMPTY_FILE",
  "IMPORT_UNREADABLE",
  "IMPORT_ARCHIVE_INVALID",
  "IMPORT_ARCHIVE_LIMIT",
  "IMPORT_NOT_TEXT",
  "IMPORT_CASE_MISSING",
  "IMPORT_INTERRUPTED",
  "IMPORT_RUNNING",
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/**
 * A problem with the whole input file. The message names the file and what is wrong (e.g. the missing columns).
 * @example new ImportError("IMPORT_MISSING_COLUMNS", "missing columns: event_id_cnty, timestamp")
 */
export class ImportError extends Error {
  override readonly name = "ImportError";
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `e` is an {@link ImportError}. */
export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}
