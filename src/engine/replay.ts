/**
 * Replay: walk a case's period step by step, assessing as of each step with only what was known then, and
 * collect the alerts. Evidence is extracted and sorted by `knownAt` once, then fed incrementally, so each step
 * costs O(new evidence + situations × indicators) instead of a full re-assessment.
 * @module
 */
import { addDays, daysBetween, type CaseBundle } from "../domain/index.js";
import { alertFor, type Alert } from "./alert.js";
import type { Assessment } from "./assessment.js";
import { withoutEvaluation } from "./assess.js";
import { EngineState } from "./engine-state.js";
import { extractEvidence } from "./evidence.js";
import { RULED_LEVELS, levelRank, type RiskLevel, type RuledLevel, type ValidRulebook } from "./rulebook.js";

export const REPLAY_STEPS = ["day", "week", "month"] as const;
export type ReplayStep = (typeof REPLAY_STEPS)[number];

export interface ReplayOptions {
  readonly step: ReplayStep;
  /** First day (default: the case period's start). */
  readonly from?: string;
  /** Last day (default: the case period's end). */
  readonly to?: string;
  /** Keep every assessed day's assessments in `trace` (memory grows with steps × situations). */
  readonly trace?: boolean;
}

/** The first day on which any situation (or the evaluated one) reached each level or above; null if never. */
export type LevelDates = Readonly<Record<RuledLevel, string | null>>;

export interface ReplayEvaluation {
  readonly onset: string;
  /** Situations the evaluation is scored on (those matching the declared onset country and group, if any). */
  readonly situations: readonly string[];
  readonly firstDateByLevel: LevelDates;
  /** Days from the first date of each level to the onset: positive means the level came before the onset. */
  readonly leadTimeDays: Readonly<Record<RuledLevel, number | null>>;
}

export interface ReplayResult {
  readonly case: string;
  readonly from: string;
  readonly to: string;
  /** Days assessed: the step days plus every day in the range on which a record became known. */
  readonly steps: number;
  readonly alerts: readonly Alert[];
  readonly firstDateByLevel: LevelDates;
  readonly evaluation: ReplayEvaluation | null;
  /** The assessments of the last step. */
  readonly final: readonly Assessment[];
  /** Every step's assessments, when asked for with `trace: true`. */
  readonly trace?: readonly { readonly date: string; readonly assessments: readonly Assessment[] }[];
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addMonth(day: string, anchorDay: number): string {
  let y = Number(day.slice(0, 4));
  let m = Number(day.slice(5, 7)) + 1;
  if (m > 12) {
    m = 1;
    y += 1;
  }
  const d = Math.min(anchorDay, lastDayOfMonth(y, m));
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The days a replay assesses: `from`, then every step, and `to` last even when it falls between steps.
 * @example stepDates("1994-01-31", "1994-04-15", "month") // ["1994-01-31", "1994-02-28", "1994-03-31", "1994-04-15"]
 */
export function stepDates(from: string, to: string, step: ReplayStep): string[] {
  const out: string[] = [];
  const anchor = Number(from.slice(8, 10));
  let d = from;
  while (d <= to) {
    out.push(d);
    d = step === "day" ? addDays(d, 1) : step === "week" ? addDays(d, 7) : addMonth(d, anchor);
  }
  if (out.length > 0 && out[out.length - 1] !== to) out.push(to);
  return out;
}

function emptyDates(): Record<RuledLevel, string | null> {
  return { elevated: null, high: null, imminent: null, ongoing: null };
}

function record(dates: Record<RuledLevel, string | null>, level: RiskLevel, day: string): void {
  for (const l of RULED_LEVELS) if (levelRank(level) >= levelRank(l) && dates[l] === null) dates[l] = day;
}

/**
 * The days a replay assesses: the step days of {@link stepDates} plus every distinct day in the range on which a
 * record becomes known, so a level change is dated to the day its evidence arrived, not to the next step boundary.
 * @example assessedDates("1994-01-01", "1994-01-15", "week", ["1994-01-03"]) // ["1994-01-01", "1994-01-03", "1994-01-08", "1994-01-15"]
 */
export function assessedDates(
  from: string,
  to: string,
  step: ReplayStep,
  knownDays: Iterable<string>,
): string[] {
  const days = new Set(stepDates(from, to, step));
  for (const k of knownDays) {
    const day = k.slice(0, 10);
    if (day >= from && day <= to) days.add(day);
  }
  return [...days].sort();
}

/**
 * Replay a case through its period. Whatever the step, it also assesses on each day a record becomes known.
 * @example replay(bundle, rulebook, { step: "week" }).alerts.map((a) => [a.date, a.level])
 */
export function replay(bundle: CaseBundle, rulebook: ValidRulebook, options: ReplayOptions): ReplayResult {
  const from = options.from ?? bundle.manifest.period.from;
  const to = options.to ?? bundle.manifest.period.to;
  const blind = withoutEvaluation(bundle);
  const items = extractEvidence(blind, rulebook);
  const groups = [...blind.records.group].sort((a, b) =>
    a.knownAt < b.knownAt ? -1 : a.knownAt > b.knownAt ? 1 : 0,
  );
  const actors = blind.records.actor;
  const state = new EngineState(rulebook);
  const levels = new Map<string, RiskLevel>();
  const firstBySituation = new Map<string, Record<RuledLevel, string | null>>();
  const first = emptyDates();
  const alerts: Alert[] = [];
  const dates = assessedDates(from, to, options.step, [
    ...items.map((x) => x.knownAt),
    ...groups.map((x) => x.knownAt),
  ]);
  let previous: Assessment[] = [];
  const trace: { date: string; assessments: Assessment[] }[] = [];
  let i = 0;
  let g = 0;
  for (const day of dates) {
    while (g < groups.length && (groups[g]?.knownAt ?? "") <= day) state.addGroup(groups[g++]!);
    while (i < items.length && (items[i]?.knownAt ?? "") <= day) state.addEvidence(items[i++]!);
    const current = state.assessAt(day, previous);
    for (const a of current) {
      const before = levels.get(a.situation.id) ?? "none";
      if (a.level !== before) alerts.push(alertFor(rulebook, a, before, actors));
      levels.set(a.situation.id, a.level);
      record(first, a.level, day);
      const own = firstBySituation.get(a.situation.id) ?? emptyDates();
      record(own, a.level, day);
      firstBySituation.set(a.situation.id, own);
    }
    if (options.trace) trace.push({ date: day, assessments: current });
    previous = current;
  }
  return {
    case: bundle.manifest.id,
    from,
    to,
    steps: dates.length,
    alerts,
    firstDateByLevel: first,
    evaluation: evaluate(bundle, firstBySituation, first),
    final: previous,
    ...(options.trace ? { trace } : {}),
  };
}

/** Score the replay against the case's declared onset (read only here, after the replay is done). */
function evaluate(
  bundle: CaseBundle,
  bySituation: ReadonlyMap<string, Record<RuledLevel, string | null>>,
  overall: Record<RuledLevel, string | null>,
): ReplayEvaluation | null {
  const ev = bundle.manifest.evaluation;
  if (ev?.onset === undefined) return null;
  const onset = ev.onset;
  const matching = [...bySituation.keys()].filter((id) => {
    const [country, group] = id.split("/");
    return (
      (ev.onsetCountry === undefined || ev.onsetCountry === country) &&
      (ev.onsetGroup === undefined || ev.onsetGroup === group)
    );
  });
  const scoped = ev.onsetCountry !== undefined || ev.onsetGroup !== undefined;
  const dates = emptyDates();
  if (scoped) {
    for (const l of RULED_LEVELS) {
      const ds = matching
        .map((id) => bySituation.get(id)?.[l])
        .filter((d): d is string => typeof d === "string");
      dates[l] = ds.length === 0 ? null : ds.sort()[0]!;
    }
  } else Object.assign(dates, overall);
  const lead = { elevated: null, high: null, imminent: null, ongoing: null } as Record<
    RuledLevel,
    number | null
  >;
  for (const l of RULED_LEVELS) {
    const d = dates[l];
    lead[l] = d === null ? null : daysBetween(d, onset);
  }
  return {
    onset,
    situations: scoped ? matching.sort() : [...bySituation.keys()].sort(),
    firstDateByLevel: dates,
    leadTimeDays: lead,
  };
}
