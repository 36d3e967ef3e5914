/**
 * The report of one import: what was read and what became of every row, the file's identity, and every
 * problem (the first {@link MAX_REPORTED_PROBLEMS} in full; all of them are in the rejects file).
 * @module
 */
import type { ImportCounts } from "../../storage/imports/import.repository.js";
import type { ImportErrorCode } from "../import-error.js";
import type { DetectedEncoding } from "../input/decode.js";

/** At most this many rejected rows are listed in the report itself. */
export const MAX_REPORTED_PROBLEMS = 1000;

/** One rejected row. `line` is the 1-based line where the row starts. */
export interface RowReject {
  readonly line: number;
  readonly fields: readonly string[];
  readonly reasons: readonly string[];
  readonly raw: string;
}

/**
 * A rejected row as the report lists it: where and why, never its raw text (a row may carry a confidential
 * source's identity; the raw text goes only to the rejects file, redacted).
 */
export type ReportProblem = Omit<RowReject, "raw">;

export interface ImportReport extends ImportCounts {
  readonly file: string;
  readonly format: string;
  readonly variant?: string;
  readonly caseId: string;
  readonly sha256?: string;
  readonly sourceId?: string;
  readonly packaging?: string;
  readonly encoding?: DetectedEncoding;
  readonly strict: boolean;
  /** False when nothing was written (strict mode with rejects, a file-level error before any commit). */
  readonly written: boolean;
  /** Set when a previous interrupted run of the same file was resumed after this line. */
  readonly resumedAfterLine?: number;
  /** Rows older than the stored version of the same record (kept out; counted in `unchanged`). */
  readonly olderThanStored: number;
  /** Reasons rows were skipped, with counts. */
  readonly skipReasons: Readonly<Record<string, number>>;
  /** Records the provider deleted, by id (first 1000). */
  readonly deletedIds: readonly string[];
  readonly problems: readonly ReportProblem[];
  readonly problemsTruncated: number;
  readonly rejectsFile?: string;
  /**
   * Set on a resumed run whose rejects file was missing (or not a rejects file) and was created anew: it holds
   * only the rejects from this line on; those of the interrupted run (counted in `rejected`) are not in it.
   */
  readonly rejectsFromLine?: number;
  readonly elapsedMs: number;
  readonly rowsPerSecond: number;
  /** A problem with the whole file; nothing (more) was written. */
  readonly fileError?: { readonly code: ImportErrorCode; readonly message: string };
  /** True when the run stopped after committing some batches: re-run the same command to resume. */
  readonly interrupted: boolean;
}

/** Zero counters. */
export function zeroCounts(): ImportCounts {
  return { read: 0, imported: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, rejected: 0 };
}

/**
 * The exit code DESIGN.md prescribes for a report: 2 invalid input or strict rejects (nothing written),
 * 1 rows rejected or an interrupted run, 0 otherwise.
 */
export function exitCodeOf(report: ImportReport): 0 | 1 | 2 {
  // Interrupted by the user (Ctrl-C): exit 1 whether or not a batch had committed; a re-run resumes or restarts.
  if (report.fileError?.code === "IMPORT_INTERRUPTED") return 1;
  if (report.fileError && !report.written) return 2;
  if (report.strict && report.rejected > 0) return 2;
  if (report.rejected > 0 || report.fileError || report.interrupted) return 1;
  return 0;
}
