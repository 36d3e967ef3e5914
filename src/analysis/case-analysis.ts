/**
 * The whole analysis of one case as of a day, in one call: the engine's replay (alerts and the risk-level
 * timeline), the alerts as engine warnings, and the scorecard built on them. The CLI and the HTTP API share it
 * so that every surface shows the same figures.
 * @module
 */
import { RECORD_KINDS, type CaseBundle, type Lexicon, type Warning } from "../domain/index.js";
import {
  alertToWarning,
  replay,
  type ReplayResult,
  type ReplayStep,
  type ValidRulebook,
} from "../engine/index.js";
import { levelSpansFromChanges, type LevelSpan } from "./level-span.js";
import { buildScorecard, type Scorecard } from "./scorecard/scorecard.js";

export interface CaseAnalysisInputs {
  /** Without a rulebook there is no replay: the level timeline is empty and the scorecard says so. */
  readonly rulebook?: ValidRulebook;
  readonly lexicon?: Lexicon;
}

export interface CaseAnalysisResult {
  readonly asOf: string;
  readonly replay: ReplayResult | null;
  readonly levels: readonly LevelSpan[];
  readonly alertWarnings: readonly Warning[];
  readonly scorecard: Scorecard;
}

/** The last day a case knows of: the end of its period, or a later `knownAt` (e.g. a tribunal's closing). */
export function lastKnownDay(bundle: CaseBundle): string {
  let day = bundle.manifest.period.to;
  for (const kind of RECORD_KINDS) for (const r of bundle.records[kind]) if (r.knownAt > day) day = r.knownAt;
  return day;
}

/**
 * Analyse a case as of `asOf` (default: its last known day). The replay runs from the start of the period to
 * the earlier of `asOf` and the last known day, so its cost is O(days × records) at daily steps.
 * @example analyseCase(bundle, { rulebook, lexicon }).scorecard.punishment.gaps
 */
export function analyseCase(
  bundle: CaseBundle,
  inputs: CaseAnalysisInputs,
  options: { readonly asOf?: string; readonly step?: ReplayStep } = {},
): CaseAnalysisResult {
  const last = lastKnownDay(bundle);
  const asOf = options.asOf ?? last;
  const to = asOf < last ? asOf : last;
  const result =
    inputs.rulebook && bundle.manifest.period.from <= to
      ? replay(bundle, inputs.rulebook, { step: options.step ?? "day", to })
      : null;
  const alerts = result?.alerts ?? [];
  const levels = levelSpansFromChanges(
    alerts.map((a) => ({
      date: a.date,
      situation: a.situation.id,
      level: a.level,
      country: a.situation.country,
    })),
    result?.to,
  );
  const alertWarnings = alerts.map(alertToWarning);
  const scorecard = buildScorecard(bundle, {
    asOf,
    levels,
    alerts: alertWarnings,
    ...(inputs.lexicon ? { lexicon: inputs.lexicon } : {}),
  });
  return { asOf, replay: result, levels, alertWarnings, scorecard };
}
