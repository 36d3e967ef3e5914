/**
 * One import run once its input is known: the file's format, layout and hash, the case and Source it writes,
 * the rejects file, and the clock of its report. Every step of the pipeline (prepare, dry pass, write pass)
 * takes it.
 * @module
 */
import type { Store } from "../../storage/store.js";
import type { FormatContext, ImportFormat, Layout } from "../formats/format.js";
import type { ImportError } from "../import-error.js";
import type { InputLimits } from "../input/limits.js";
import type { ImportOptions } from "./import-options.js";
import type { ImportReport } from "./import-report.js";
import { failedReport, type Common } from "./report-builders.js";
import { RejectsWriter } from "./rejects-writer.js";
import { newState, type RunState } from "./run-state.js";

export interface ImportRun {
  readonly store: Store;
  readonly options: ImportOptions;
  readonly format: ImportFormat;
  readonly layout: Layout;
  readonly sha256: string;
  readonly caseId: string;
  /** The Source record of the file (`FORMAT.source.HASH16`). */
  readonly sourceId: string;
  readonly ctx: FormatContext;
  readonly limits: InputLimits;
  readonly batchSize: number;
  readonly strict: boolean;
  readonly rejects: RejectsWriter;
  /** What every report of this run says. */
  readonly common: Common & { format: string; caseId: string; sha256: string; sourceId: string };
  /** The run's monotonic clock and its start. */
  readonly timer: () => number;
  readonly t0: number;
}

/** The run of `options` on an input whose format, layout and hash are known. */
export function newRun(
  store: Store,
  options: ImportOptions,
  input: { format: ImportFormat; layout: Layout; sha256: string },
  clock: { timer: () => number; t0: number; limits: InputLimits; batchSize: number; base: Common },
): ImportRun {
  const { format, sha256 } = input;
  const caseId = options.caseId ?? `import-${format.name}`;
  const sourceId = `${format.idPrefix}.source.${sha256.slice(0, 16)}`;
  return {
    store,
    options,
    ...input,
    caseId,
    sourceId,
    ctx: { sourceId, ...(options.release !== undefined ? { release: options.release } : {}) },
    limits: clock.limits,
    batchSize: clock.batchSize,
    strict: clock.base.strict,
    rejects: new RejectsWriter(options.rejectsFile),
    common: {
      ...clock.base,
      format: format.name,
      caseId,
      sha256,
      sourceId,
      ...(options.rejectsFile ? { rejectsFile: options.rejectsFile } : {}),
    },
    timer: clock.timer,
    t0: clock.t0,
  };
}

/** The report of `run` stopped by `e` (`written`: whether a batch had committed). */
export function runFailed(
  run: ImportRun,
  e: ImportError,
  state: RunState = newState(),
  written = false,
): ImportReport {
  return failedReport(run.common, run.format.name, run.caseId, state, e, run.timer() - run.t0, written);
}
