/**
 * Replay: walk a case's period, assessing each day with only what was known then, and collect the alerts. The
 * records are fed once in the order they became known (see replay-run.ts); each day costs the new evidence plus
 * the situations' criteria, not a full re-assessment. The case's evaluation block is hidden from the run and read
 * only afterwards, to score the run.
 * @module
 */
import { daysBetween, type CaseBundle, type CaseManifest, type Lexicon } from "../domain/index.js";
import type { Alert } from "./alert.js";
import type { Assessment } from "./assessment.js";
import { withoutEvaluation } from "./assess.js";
import { coveredIncidentsOf, feedOrder } from "./feed-order.js";
import { ReplayRun, type ReplayRunResult } from "./replay-run.js";
import type { LevelDates, ReplayStep } from "./replay-steps.js";
import { RULED_LEVELS, type RuledLevel, type ValidRulebook } from "./rulebook.js";

export { REPLAY_STEPS, assessedDates, stepDates } from "./replay-steps.js";
export type { LevelDates, ReplayStep } from "./replay-steps.js";

export interface ReplayOptions {
  readonly step: ReplayStep;
  /** First day (default: the case period's start). */
  readonly from?: string;
  /** Last day (default: the case period's end). */
  readonly to?: string;
  /** Keep every assessed day's assessments in `trace` (memory grows with steps × situations). */
  readonly trace?: boolean;
  /** The naming lexicon, so statements are read (without it they are not, with a notice). */
  readonly lexicon?: Lexicon;
}

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
  /** The first day at each level, per situation. */
  readonly firstBySituation: ReadonlyMap<string, LevelDates>;
  readonly evaluation: ReplayEvaluation | null;
  /** The assessments of the last step. */
  readonly final: readonly Assessment[];
  /** Every step's assessments, when asked for with `trace: true`. */
  readonly trace?: readonly { readonly date: string; readonly assessments: readonly Assessment[] }[];
  /** What the engine could not read, and why (a statement in a language the lexicon lacks…). */
  readonly notices: readonly string[];
}

/**
 * Replay a case through its period. Whatever the step, it also assesses on each day a record becomes known.
 * @example replay(bundle, rulebook, { step: "week" }).alerts.map((a) => [a.date, a.level])
 */
export function replay(bundle: CaseBundle, rulebook: ValidRulebook, options: ReplayOptions): ReplayResult {
  const from = options.from ?? bundle.manifest.period.from;
  const to = options.to ?? bundle.manifest.period.to;
  const blind = withoutEvaluation(bundle);
  const run = new ReplayRun(blind.manifest, rulebook, {
    step: options.step,
    from,
    to,
    coveredIncidents: coveredIncidentsOf(blind),
    ...(options.trace ? { trace: true } : {}),
    ...(options.lexicon ? { lexicon: options.lexicon } : {}),
  });
  for (const { kind, record } of feedOrder(blind)) if (!run.push(kind, record as never)) break;
  return replayResult(bundle.manifest, from, to, run.finish());
}

/** The replay's answer from a finished run, scored against the manifest's evaluation block (if any). */
export function replayResult(
  manifest: CaseManifest,
  from: string,
  to: string,
  run: ReplayRunResult,
): ReplayResult {
  return {
    case: manifest.id,
    from,
    to,
    steps: run.steps,
    alerts: run.alerts,
    firstDateByLevel: run.firstDateByLevel,
    firstBySituation: run.firstBySituation,
    evaluation: evaluate(manifest, run.firstBySituation, run.firstDateByLevel),
    final: run.final,
    ...(run.trace ? { trace: run.trace } : {}),
    notices: run.notices,
  };
}

/** Score the replay against the case's declared onset (read only here, after the replay is done). */
function evaluate(
  manifest: CaseManifest,
  bySituation: ReadonlyMap<string, LevelDates>,
  overall: LevelDates,
): ReplayEvaluation | null {
  const ev = manifest.evaluation;
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
  const dates: Record<RuledLevel, string | null> = {
    elevated: null,
    high: null,
    imminent: null,
    ongoing: null,
  };
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
