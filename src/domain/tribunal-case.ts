/**
 * Cases before a tribunal: the accused, their side, the charges and the dates that measure how slow justice was.
 * @module
 */
import type { RecordBase } from "./record.js";

export const CASE_OUTCOMES = [
  "convicted",
  "acquitted",
  "pending",
  "withdrawn",
  "died",
  "referred",
  "fugitive",
  /** Judged, but the source does not say with what outcome. */
  "unknown",
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** A duration reported in a source when the dates themselves are not in the record. */
export interface ReportedDuration {
  readonly years: number;
  readonly approximate: boolean;
}

export interface TribunalCase extends RecordBase {
  readonly tribunal: string;
  readonly accused: string;
  /** Side of the accused (manifest `sides` id); defaults to the accused actor's side. */
  readonly side?: string;
  readonly charges: readonly string[];
  readonly arrestedAt?: string;
  readonly trialStartAt?: string;
  readonly firstJudgmentAt?: string;
  readonly finalJudgmentAt?: string;
  readonly outcome: CaseOutcome;
  readonly sentence?: string;
  readonly reportedDetention?: {
    readonly beforeFirstJudgment?: ReportedDuration;
    readonly beforeFinalJudgment?: ReportedDuration;
  };
}
