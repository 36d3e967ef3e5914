/**
 * The Genocide Convention scorecard: the two duties of Article I — to prevent and to punish — each as a list
 * of computed findings with their evidence, plus the headline figures and the timeline a report shows.
 * @module
 */
import type { CaseBundle, Lexicon, Warning } from "../../domain/index.js";
import { buildAccountability, type AccountabilityReport } from "../accountability/accountability.js";
import { commitmentStates, type CommitmentState } from "../commitments.js";
import { buildGaps, type Gaps } from "../gaps/gaps.js";
import { buildLedger, type Ledger } from "../ledger/ledger.js";
import { DEFAULT_RESPONSE_WINDOW_DAYS } from "../ledger/request-status.js";
import type { LevelSpan } from "../level-span.js";
import { buildNaming, type NamingReport } from "../naming/naming-monitor.js";
import type { Finding } from "./finding.js";
import { commitmentFindings, gapFindings, ledgerFindings, namingFindings } from "./prevention-findings.js";
import { punishmentFindings } from "./punishment-findings.js";
import { timelineEvents, type TimelineEvent } from "./timeline-events.js";

export interface ScorecardOptions {
  /** The day the scorecard is computed for: only records known on that day count. */
  readonly asOf: string;
  /** The risk-level timeline (from an engine replay, or none: gaps that need levels are then empty). */
  readonly levels: readonly LevelSpan[];
  /** The naming lexicon; without one the naming part is left out and says so. */
  readonly lexicon?: Lexicon;
  /** Days to answer a request, or to follow up a commitment, that names no due date (default 30). */
  readonly responseWindowDays?: number;
  /** Engine alerts as warnings (origin "engine"), added to the ledger. */
  readonly alerts?: readonly Warning[];
}

export interface DutySection {
  readonly findings: readonly Finding[];
  readonly gaps: number;
  readonly met: number;
}

export interface Scorecard {
  readonly case: {
    readonly id: string;
    readonly title: string;
    readonly period: { readonly from: string; readonly to: string };
  };
  readonly asOf: string;
  readonly responseWindowDays: number;
  readonly onset?: string;
  readonly levels: readonly LevelSpan[];
  readonly prevention: DutySection;
  readonly punishment: DutySection;
  readonly ledger: Ledger;
  readonly commitments: readonly CommitmentState[];
  readonly gaps: Gaps;
  /** Absent when no lexicon was given. */
  readonly naming?: NamingReport;
  readonly accountability: AccountabilityReport;
  readonly timeline: readonly TimelineEvent[];
  /** What the scorecard could not compute, and why. */
  readonly notes: readonly string[];
}

function section(findings: readonly Finding[]): DutySection {
  return {
    findings,
    gaps: findings.filter((f) => f.verdict === "gap").length,
    met: findings.filter((f) => f.verdict === "met").length,
  };
}

/**
 * Compute the scorecard of a case as of a day.
 * @example buildScorecard(bundle, { asOf: "2015-12-31", levels, lexicon }).prevention.gaps
 */
export function buildScorecard(bundle: CaseBundle, options: ScorecardOptions): Scorecard {
  const window = options.responseWindowDays ?? DEFAULT_RESPONSE_WINDOW_DAYS;
  const ledger = buildLedger(bundle, {
    asOf: options.asOf,
    responseWindowDays: window,
    ...(options.alerts ? { alerts: options.alerts } : {}),
  });
  const commitments = commitmentStates(bundle, { asOf: options.asOf, followUpDays: window });
  const gaps = buildGaps(bundle, { asOf: options.asOf, levels: options.levels });
  const naming = options.lexicon
    ? buildNaming(bundle, { asOf: options.asOf, lexicon: options.lexicon })
    : undefined;
  const accountability = buildAccountability(bundle, { asOf: options.asOf });
  const notes: string[] = [];
  if (!naming) notes.push("No naming lexicon was given: the naming monitor was not run.");
  if (options.levels.length === 0)
    notes.push(
      "No risk-level timeline was given: mandate and capability gaps could not be measured against risk.",
    );
  const onset = bundle.manifest.evaluation?.onset;
  return {
    case: { id: bundle.manifest.id, title: bundle.manifest.title, period: bundle.manifest.period },
    asOf: options.asOf,
    responseWindowDays: window,
    ...(onset === undefined ? {} : { onset }),
    levels: options.levels,
    prevention: section([
      ...ledgerFindings(bundle, ledger),
      ...commitmentFindings(bundle, commitments),
      ...gapFindings(bundle, gaps),
      ...(naming ? namingFindings(bundle, naming) : []),
    ]),
    punishment: section(punishmentFindings(bundle, accountability)),
    ledger,
    commitments,
    gaps,
    ...(naming ? { naming } : {}),
    accountability,
    timeline: timelineEvents(bundle, ledger, gaps, naming),
    notes,
  };
}
