/**
 * The rulebook's vocabulary and the shape of a rulebook file, before any check: shared by the engine (which
 * checks and runs it) and the contracts (whose zod schema parses it), so that neither imports the other.
 * @module
 */
/** Risk levels in increasing order. `none` is the floor; every other level has a rule in the rulebook. */
export const RISK_LEVELS = ["none", "elevated", "high", "imminent", "ongoing"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The levels that a rulebook must define a rule for (all but `none`). */
export const RULED_LEVELS = ["elevated", "high", "imminent", "ongoing"] as const;
export type RuledLevel = (typeof RULED_LEVELS)[number];

/** The rank of a level: none 0 … ongoing 4. */
export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** Which crimes a risk factor belongs to in the UN Framework of Analysis for Atrocity Crimes (2014). */
export const FACTOR_SCOPES = ["common", "genocide", "crimes-against-humanity", "war-crimes"] as const;
export type FactorScope = (typeof FACTOR_SCOPES)[number];

/**
 * Cross-cutting meanings an indicator may carry, used by level conditions and the escalation lens so that rules
 * speak of "preparation" or "intent" rather than of indicator numbers.
 */
export const SIGNALS = [
  "context",
  "violations",
  "targeting",
  "organisation",
  "state-involvement",
  "preparation",
  "intent",
  "propaganda",
  "impunity",
  "trigger",
  "mass-killing",
  "systematic-killing",
  "peacekeepers",
  "inaction",
] as const;
export type Signal = (typeof SIGNALS)[number];

/**
 * What a mapping can read: a record kind, or `series` — a monthly event-count series per country computed from
 * the incidents (see {@link SERIES_NAMES}), whose surges become evidence.
 */
export const MAPPED_RECORDS = ["incident", "report", "warning", "response", "mandate", "series"] as const;
export type MappedRecord = (typeof MAPPED_RECORDS)[number];

/**
 * The series a `series` mapping may name. `one-sided-violence`: incidents with any one-sided act against
 * civilians (the engine's `ONE_SIDED_ACTS`), each counting its `eventCount` (else 1) in the month of the midpoint
 * of its `occurredAt`.
 */
export const SERIES_NAMES = ["one-sided-violence"] as const;
export type SeriesName = (typeof SERIES_NAMES)[number];

export interface RiskFactorRule {
  readonly id: string;
  readonly name: string;
  readonly scope: FactorScope;
  readonly description?: string;
}

export interface IndicatorRule {
  /** The Framework's number, e.g. "7.4". */
  readonly id: string;
  readonly factor: string;
  readonly text: string;
  /** Points the indicator adds to the score at full strength. */
  readonly weight: number;
  /** Days after which a piece of evidence counts half. */
  readonly halfLifeDays: number;
  /** Evidence mass at which strength reaches 1 − 1/e (about 0.63). */
  readonly saturation: number;
  readonly signals: readonly string[];
  /** A derived indicator is present when at least `minPresent` of `indicators` are; it has no mappings. */
  readonly derivedFrom?: { readonly indicators: readonly string[]; readonly minPresent: number };
}

export interface IndicatorLink {
  readonly indicator: string;
  /** How strongly one matching record supports the indicator, before grading and decay. */
  readonly strength: number;
}

/** Conditions on a record, all of which must hold; absent fields do not constrain. */
export interface MappingWhen {
  readonly acts?: readonly string[];
  readonly targetsGroup?: boolean;
  readonly organised?: readonly string[];
  readonly stateInvolvement?: readonly string[];
  readonly minFatalities?: number;
  readonly minDetained?: number;
  readonly tags?: readonly string[];
  readonly qualifications?: readonly string[];
  readonly mentionsGenocideRisk?: boolean;
  readonly actions?: readonly string[];
  readonly responseKinds?: readonly string[];
  readonly protectsCivilians?: boolean;
  /** `series` mappings: which series (one of {@link SERIES_NAMES}). */
  readonly series?: string;
  /** `series` mappings: months of the situation's own past a month is compared with (the trailing window). */
  readonly windowMonths?: number;
  /** `series` mappings: months of history (since the situation's first event) before any comparison. */
  readonly minHistoryMonths?: number;
  /** `series` mappings: fewest events in the month for it to count as a surge at all. */
  readonly minEvents?: number;
  /** `series` mappings: a surge when (events + 1) / (trailing mean + 1) reaches this (must exceed 1)… */
  readonly minEventsRatio?: number;
  /** …or when (events − trailing mean) / trailing sample deviation reaches this (must exceed 0). */
  readonly minEventsZ?: number;
}

export interface MappingRule {
  readonly id: string;
  readonly record: MappedRecord;
  readonly description?: string;
  readonly when: MappingWhen;
  readonly indicators: readonly IndicatorLink[];
  /** Scale the evidence by the incident's toll, or for a series surge by the month's (see `magnitude`). */
  readonly scaleByFatalities?: boolean;
}

export interface GradingRule {
  readonly reliability: Readonly<Record<string, number>>;
  readonly credibility: Readonly<Record<string, number>>;
  /** Weight of a record none of whose cited sources was known when the record became known. */
  readonly unknownSource: number;
}

export interface SignalRequirement {
  readonly signals: readonly string[];
  /** How many distinct present indicators carrying one of `signals` are needed. */
  readonly minIndicators: number;
}

export interface CurrentRequirement {
  readonly signals: readonly string[];
  /** Only evidence whose event ended at most this many days before the assessment date counts. */
  readonly withinDays: number;
  /** Deaths (best estimates, each record once) the evidence in the window must add up to; 0 for no toll. */
  readonly minFatalities: number;
  /** Distinct records the window must hold. */
  readonly minRecords: number;
}

/** One way to reach a level; a level may have several (any one suffices). */
export interface LevelRule {
  readonly id: string;
  readonly level: string;
  readonly minScore: number;
  readonly requires: readonly SignalRequirement[];
  readonly current?: CurrentRequirement;
  readonly explanation: string;
}

export interface StageRule {
  readonly id: string;
  readonly name: string;
  /** The stage this one comes after; `null` for the first. */
  readonly follows: string | null;
  /** Reached when any of these indicators is present… */
  readonly indicators: readonly string[];
  /** …or when the situation is at this level or above (e.g. extermination when killing is ongoing). */
  readonly reachedAtLevel?: string;
}

export interface PlaybookAction {
  readonly kind: string;
  readonly description: string;
  readonly dueInDays: number;
}

export interface PlaybookEntry {
  readonly level: string;
  readonly actions: readonly PlaybookAction[];
  readonly notifyRoles: readonly string[];
}

/** A rulebook as written in its file, before any check. */
export interface RulebookDocument {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly description?: string;
  readonly riskFactors: readonly RiskFactorRule[];
  readonly indicators: readonly IndicatorRule[];
  readonly mappings: readonly MappingRule[];
  readonly grading: GradingRule;
  readonly magnitude: { readonly perTenfoldFatalities: number; readonly max: number };
  /** Strength an indicator needs to count as present. */
  readonly presence: { readonly minStrength: number };
  /** How many supporting records an assessment lists per indicator (the strongest first). */
  readonly evidencePerIndicator: number;
  readonly levels: readonly LevelRule[];
  readonly escalation: { readonly stages: readonly StageRule[] };
  readonly playbook: readonly PlaybookEntry[];
}
