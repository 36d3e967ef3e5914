/**
 * Limits against hostile or broken inputs: decompression bombs, giant fields, archives with thousands of entries.
 * @module
 */

/** Limits applied while reading an input. All sizes are bytes. */
export interface InputLimits {
  /** Largest uncompressed size accepted (declared or actual). */
  readonly maxUncompressedBytes: number;
  /** Largest ratio uncompressed / compressed accepted. Real CSV compresses about 5–15×. */
  readonly maxRatio: number;
  /** Most entries a zip archive may list in its central directory. */
  readonly maxZipEntries: number;
  /** Largest single record (row) in characters; longer rows are rejected as "huge field". */
  readonly maxRecordChars: number;
}

/** Defaults: 8 GiB, ratio 200, 1,000 entries, 1 MiB per record. */
export const DEFAULT_LIMITS: InputLimits = {
  maxUncompressedBytes: 8 * 1024 ** 3,
  maxRatio: 200,
  maxZipEntries: 1000,
  maxRecordChars: 1024 * 1024,
};
