/**
 * The running counts of one import and what it remembers for the report (problems, skip reasons, deleted ids,
 * the span of the file's Source), plus the reject bookkeeping shared by the dry and the writing pass.
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
  /**
   * The counts as of the last committed batch (or the resumed batch row): what the batch row may say when a
   * run stops, since `counts` also holds a batch rolled back.
   */
  committedCounts: ImportCounts;
  olderThanStored: number;
  skipReasons: Record<string, number>;
  deletedIds: string[];
  problems: ReportProblem[];
  problemsTruncated: number;
  /** The file's Source dates: what is stored (a resumed run, an earlier import) widened by every record written. */
  span?: SourceSpan;
  /** Whether this run wrote a record (then the file's Source is written with each batch). */
  wroteRecords: boolean;
  committed: boolean;
}

/**
 * The dates of an imported file's Source: the events its written records cover (`occurredAt`) and the day the
 * dataset became known — its EARLIEST written record's `knownAt`, since each of its rows was available from its
 * own `knownAt` on (a later day would make replays grade every earlier row as citing an unknown source).
 */
export interface SourceSpan {
  readonly occurredFrom: string;
  readonly occurredTo: string;
  readonly knownAt: string;
}

export function newState(counts: ImportCounts = zeroCounts()): RunState {
  return {
    counts: { ...counts },
    committedCounts: { ...counts },
    olderThanStored: 0,
    skipReasons: {},
    deletedIds: [],
    problems: [],
    problemsTruncated: 0,
    wroteRecords: false,
    committed: false,
  };
}

/** Count and remember one reject, and write it to the rejects file. */
export async function recordReject(state: RunState, rejects: RejectsWriter, r: ScannedRow): Promise<void> {
  const reject = countReject(state, r);
  if (reject) await rejects.write(reject);
}

/**
 * Count and remember one reject; the caller writes it to the rejects file (the writing pass does so once its
 * batch committed, so a batch rolled back and re-read on resume does not list its rejects twice).
 */
export function countReject(state: RunState, r: ScannedRow): RowReject | undefined {
  if (r.result.kind !== "reject") return undefined;
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
  return reject;
}

/** Merge two spans: the union of the events covered, the earlier day known. */
function mergeSpans(a: SourceSpan | undefined, b: SourceSpan): SourceSpan {
  if (a === undefined) return b;
  return {
    occurredFrom: b.occurredFrom < a.occurredFrom ? b.occurredFrom : a.occurredFrom,
    occurredTo: b.occurredTo > a.occurredTo ? b.occurredTo : a.occurredTo,
    knownAt: b.knownAt < a.knownAt ? b.knownAt : a.knownAt,
  };
}

/** Widen the Source's span with a record written: its events, and the earliest `knownAt` (no allocation per row). */
export function widen(state: RunState, when: When, knownAt: string): void {
  state.wroteRecords = true;
  const s = state.span;
  if (s === undefined) {
    state.span = { occurredFrom: when.from, occurredTo: when.to, knownAt };
    return;
  }
  if (when.from < s.occurredFrom || when.to > s.occurredTo || knownAt < s.knownAt)
    state.span = mergeSpans(s, { occurredFrom: when.from, occurredTo: when.to, knownAt });
}
