/**
 * The running counts of one import and what it remembers for the report (problems, skip reasons, deleted ids,
 * the span of the records written), plus the reject bookkeeping shared by the dry and the writing pass.
 * @module
 */
import type { When } from "../../domain/index.js";
import type { ImportCounts } from "../../storage/imports/import.repository.js";
import { MAX_REPORTED_PROBLEMS, zeroCounts, type ReportProblem, type RowReject } from "./import-report.js";
import type { RejectsWriter } from "./rejects-writer.js";
import type { ScannedRow } from "./scan-rows.js";

/** Mutable state of one run (one pass over the file). */
export interface RunState {
  counts: ImportCounts;
  olderThanStored: number;
  skipReasons: Record<string, number>;
  deletedIds: string[];
  problems: ReportProblem[];
  problemsTruncated: number;
  occurredFrom?: string;
  occurredTo?: string;
  knownMax?: string;
  committed: boolean;
}

export function newState(counts: ImportCounts = zeroCounts()): RunState {
  return {
    counts: { ...counts },
    olderThanStored: 0,
    skipReasons: {},
    deletedIds: [],
    problems: [],
    problemsTruncated: 0,
    committed: false,
  };
}

/** Count and remember one reject. */
export async function recordReject(state: RunState, rejects: RejectsWriter, r: ScannedRow): Promise<void> {
  if (r.result.kind !== "reject") return;
  state.counts.rejected += 1;
  const reject: RowReject = {
    line: r.line,
    fields: r.result.problems.map((p) => p.field),
    reasons: r.result.problems.map((p) => `${p.field}: ${p.reason}`),
    raw: r.raw,
  };
  if (state.problems.length < MAX_REPORTED_PROBLEMS)
    state.problems.push({ line: reject.line, fields: reject.fields, reasons: reject.reasons });
  else state.problemsTruncated += 1;
  await rejects.write(reject);
}

/** Widen the span of written records and the latest knownAt. */
export function widen(state: RunState, when: When, knownAt: string): void {
  if (state.occurredFrom === undefined || when.from < state.occurredFrom) state.occurredFrom = when.from;
  if (state.occurredTo === undefined || when.to > state.occurredTo) state.occurredTo = when.to;
  if (state.knownMax === undefined || knownAt > state.knownMax) state.knownMax = knownAt;
}
