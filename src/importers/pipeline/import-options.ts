/**
 * What an import is asked to do (file, format, case, limits, clock, callbacks) and what a checked input is: shared
 * by the pipeline's steps.
 * @module
 */
import type { ImportFormat, Layout } from "../formats/format.js";
import type { InputLimits } from "../input/limits.js";

/**
 * Rows per transaction. Larger batches commit less often but keep more records alive between commits, which
 * grows V8's heap: 2,000 keeps a million-row import under ~230 MB RSS at a few milliseconds of fsync each.
 */
export const DEFAULT_BATCH_SIZE = 2000;

/** Progress of a running import, for the progress bar. */
export interface ImportProgress {
  readonly rows: number;
  readonly bytesRead: number;
  readonly totalBytes?: number;
  readonly elapsedMs: number;
}

export interface ImportOptions {
  /** A format name or `auto`. */
  readonly format: string;
  readonly file: string;
  /** The case to import into; default `import-FORMAT` (created when missing). A named case must exist. */
  readonly caseId?: string;
  readonly strict?: boolean;
  readonly rejectsFile?: string;
  /** Dataset release (UCDP GED `23.1`). */
  readonly release?: string;
  /** Rows per transaction. */
  readonly batchSize?: number;
  readonly limits?: InputLimits;
  /** The clock (timestamps of batches and of the created case). */
  readonly clock: () => Date;
  /** Monotonic milliseconds for rates and elapsed time; default `performance.now`. */
  readonly timer?: () => number;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Called after each batch's transaction committed, with the rows read so far (all of them durable). */
  readonly onCommitted?: (rowsRead: number) => void;
  /** Aborting stops after the batch in flight; the run is resumable. */
  readonly signal?: AbortSignal;
  /**
   * When another run of the same file into the same case is running: wait for it to finish (true), or stop
   * with IMPORT_RUNNING (false, the default).
   */
  readonly wait?: boolean;
  /** Told once when the run waits for another run of the file. */
  readonly onWaiting?: (message: string) => void;
  /** The input as {@link checkImportInput} found it (skips reading its head and hashing it again). */
  readonly checked?: CheckedInput;
}

/** A readable input with a known format, a valid header and its hash: what an import needs before the store. */
export interface CheckedInput {
  readonly format: ImportFormat;
  readonly layout: Layout;
  readonly sha256: string;
}
