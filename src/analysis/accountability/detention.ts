/**
 * Detention before judgment, from arrest and judgment dates or — when the record has no dates — from the
 * duration a source reports. Each figure says which.
 * @module
 */
import { daysBetween, type TribunalCase } from "../../domain/index.js";

/** Days in an average year (Julian), to turn day counts into years. */
export const DAYS_PER_YEAR = 365.25;

export interface DetentionSpan {
  readonly years: number;
  readonly days?: number;
  /** `dates`: arrest to judgment; `reported`: a duration a source gives; `ongoing`: arrest to the as-of day, no judgment yet. */
  readonly basis: "dates" | "reported" | "ongoing";
  readonly approximate: boolean;
}

export interface DetentionRecord {
  readonly case: string;
  readonly accused: string;
  readonly beforeFirstJudgment?: DetentionSpan;
  readonly beforeFinalJudgment?: DetentionSpan;
}

function fromDates(from: string, to: string): DetentionSpan {
  const days = daysBetween(from, to);
  return { years: days / DAYS_PER_YEAR, days, basis: "dates", approximate: false };
}

function span(
  arrestedAt: string | undefined,
  judgedAt: string | undefined,
  reported: { years: number; approximate: boolean } | undefined,
  awaitingFirstJudgment: boolean,
  asOf: string,
): DetentionSpan | undefined {
  if (arrestedAt !== undefined && judgedAt !== undefined && judgedAt <= asOf)
    return fromDates(arrestedAt, judgedAt);
  if (reported !== undefined)
    return { years: reported.years, basis: "reported", approximate: reported.approximate };
  // Still detained only while no judgment at all has been given: after an acquittal without a recorded appeal
  // date, nothing says the accused is still held.
  if (arrestedAt !== undefined && arrestedAt <= asOf && awaitingFirstJudgment) {
    return { ...fromDates(arrestedAt, asOf), basis: "ongoing" };
  }
  return undefined;
}

/**
 * Detention of one accused before first and final judgment, as of a day.
 * @example detentionOf({ arrestedAt: "1995-06-28", firstJudgmentAt: "2011-06-24", … }, "2015-12-31").beforeFirstJudgment?.years // ≈ 16
 */
export function detentionOf(c: TribunalCase, asOf: string): DetentionRecord {
  const awaiting = c.firstJudgmentAt === undefined ? c.outcome === "pending" : c.firstJudgmentAt > asOf;
  const first = span(
    c.arrestedAt,
    c.firstJudgmentAt,
    c.reportedDetention?.beforeFirstJudgment,
    awaiting,
    asOf,
  );
  const final = span(
    c.arrestedAt,
    c.finalJudgmentAt,
    c.reportedDetention?.beforeFinalJudgment,
    awaiting,
    asOf,
  );
  return {
    case: c.id,
    accused: c.accused,
    ...(first ? { beforeFirstJudgment: first } : {}),
    ...(final ? { beforeFinalJudgment: final } : {}),
  };
}
