/**
 * The import report in its two shapes: the run that read the file to its end (written or not), and the run
 * stopped by a file-level problem (what committed before it stays counted).
 * @module
 */
import type { ImportError } from "../import-error.js";
import type { ImportReport } from "./import-report.js";
import type { RunState } from "./run-state.js";
import type { TextInput } from "./text-input.js";

/** What every report of a run says: the file, the mode and, once known, the format, case, hash and Source. */
export type Common = {
  file: string;
  strict: boolean;
  format?: string;
  caseId?: string;
  sha256?: string;
  sourceId?: string;
  rejectsFile?: string;
};

/** The report of a run that read the whole file (`written`: whether its batches committed). */
export function finalReport(
  common: Common,
  variant: string | undefined,
  input: TextInput,
  state: RunState,
  elapsedMs: number,
  written: boolean,
  resumedAfterLine: number | undefined,
  interrupted: boolean,
  rowsThisRun = state.counts.read,
  rejectsFromLine?: number,
): ImportReport {
  return {
    ...common,
    format: common.format ?? "",
    caseId: common.caseId ?? "",
    ...(variant !== undefined ? { variant } : {}),
    packaging: input.packaging,
    encoding: input.encoding(),
    ...state.counts,
    written: written && state.counts.imported + state.counts.updated + state.counts.deleted > 0,
    ...(resumedAfterLine !== undefined ? { resumedAfterLine } : {}),
    olderThanStored: state.olderThanStored,
    skipReasons: state.skipReasons,
    deletedIds: state.deletedIds,
    problems: state.problems,
    problemsTruncated: state.problemsTruncated,
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: elapsedMs > 0 ? Math.round((rowsThisRun * 1000) / elapsedMs) : 0,
    ...(rejectsFromLine !== undefined ? { rejectsFromLine } : {}),
    interrupted,
  };
}

/** The report of a run stopped by a file-level problem `e`. */
export function failedReport(
  common: Common,
  format: string,
  caseId: string,
  state: RunState,
  e: ImportError,
  elapsedMs: number,
  written: boolean,
): ImportReport {
  return {
    ...common,
    format,
    caseId,
    ...state.counts,
    written,
    olderThanStored: state.olderThanStored,
    skipReasons: state.skipReasons,
    deletedIds: state.deletedIds,
    problems: state.problems,
    problemsTruncated: state.problemsTruncated,
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: 0,
    fileError: { code: e.code, message: e.message },
    interrupted: written,
  };
}
