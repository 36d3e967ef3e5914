/**
 * The whole analysis of one case as of a day, in one call: the engine's replay (alerts and the risk-level
 * timeline), the alerts as engine warnings, and the scorecard built on them. The CLI's `demo` and `report`
 * share it so that every surface shows the same figures.
 * @module
 */
import type { CaseBundle, Lexicon, Warning } from "../domain/index.js";
import {
  alertToWarning,
  replay,
  type ReplayResult,
  type ReplayStep,
  type ValidRulebook,
} from "../engine/index.js";
import { latestKnownAt } from "./latest-known.js";
import { levelSpansFromChanges, type LevelSpan } from "./level-span.js";
import { buildScorecard, type Scorecard } from "./scorecard/scorecard.js";

export interface CaseAnalysisInputs {
  /** Without a rulebook there is no replay: the level timeline is empty and the scorecard says so. */
  readonly rulebook?: ValidRulebook;
  readonly lexicon?: Lexicon;
}

export interface CaseAnalysisOptions {
  /** Default: the last day anything in the case became known. */
  readonly asOf?: string;
  readonly step?: ReplayStep;
  readonly responseWindowDays?: number;
  /**
   * Add the engine's alerts to the ledger as warnings. Off by default for a past case: nobody received them
   * then, so counting them as unanswered would be a counterfactual.
   */
  readonly withAlerts?: boolean;
}

export interface CaseAnalysisResult {
  readonly asOf: string;
  readonly replay: ReplayResult | null;
  readonly levels: readonly LevelSpan[];
  readonly alertWarnings: readonly Warning[];
  readonly scorecard: Scorecard;
}

/**
 * Analyse a case as of a day. The replay runs from the start of the period to the earlier of `asOf` and the
 * last known day, so its cost is O(steps × new evidence) (see the engine's replay).
 * @example analyseCase(bundle, { rulebook, lexicon }).scorecard.punishment.gaps
 */
export function analyseCase(
  bundle: CaseBundle,
  inputs: CaseAnalysisInputs,
  options: CaseAnalysisOptions = {},
): CaseAnalysisResult {
  const last = latestKnownAt(bundle);
  const asOf = options.asOf ?? last;
  const to = asOf < last ? asOf : last;
  const result =
    inputs.rulebook && bundle.manifest.period.from <= to
      ? replay(bundle, inputs.rulebook, {
          step: options.step ?? "day",
          to,
          ...(inputs.lexicon ? { lexicon: inputs.lexicon } : {}),
        })
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
    ...(options.withAlerts ? { alerts: alertWarnings } : {}),
    ...(inputs.lexicon ? { lexicon: inputs.lexicon } : {}),
    ...(options.responseWindowDays === undefined ? {} : { responseWindowDays: options.responseWindowDays }),
  });
  return { asOf, replay: result, levels, alertWarnings, scorecard };
}
