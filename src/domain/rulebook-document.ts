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
export const MAPPED_RECORDS = [
  "incident",
  "report",
  "warning",
  "response",
  "mandate",
  "statement",
  "series",
] as const;
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
  /** Incidents: at least this many people forcibly displaced (best estimate). */
  readonly minDisplaced?: number;
  /** Incidents: at least this many civilians killed (the `civilianFatalities` best estimate). */
  readonly minCivilianFatalities?: number;
  /** Reports (their `crimes`), statements (their terms, read with the lexicon), warnings (their `risk`): any of these crimes. */
  readonly crimes?: readonly string[];
  /** Reports and statements: the finding about one of `crimes` (or any crime) is one of these. */
  readonly crimeFindings?: readonly string[];
  /** Reports: the finding says the crimes are being committed now; statements: `refersTo` is current (or not). */
  readonly ongoing?: boolean;
  /** Warnings: the sender says the crimes are imminent (or not). */
  readonly imminent?: boolean;
  /** Reports, statements, warnings: whose words count (see the rulebook's `speakers`). */
  readonly speakers?: string;
}

export interface MappingRule {
  readonly id: string;
  readonly record: MappedRecord;
  readonly description?: string;
  readonly when: MappingWhen;
  readonly indicators: readonly IndicatorLink[];
  /** Scale the evidence by the incident's toll, or for a series surge by the month's (see `magnitude`). */
  readonly scaleByFatalities?: boolean;
  /** The mapped incidents' victims are civilians: their fatalities count as civilian deaths. */
  readonly civilianVictims?: boolean;
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

/** How sure the evidence is, from an allegation to a confirmed fact (after the IPC's reliability scores). */
export const CONFIDENCE_TIERS = ["possible", "probable", "confirmed"] as const;
export type ConfidenceTier = (typeof CONFIDENCE_TIERS)[number];

/** Which situations a criterion applies to: a targeted group, the civilians of a country (or region), or both. */
export const CRITERION_SITUATIONS = ["group", "civilians", "any"] as const;
export type CriterionSituations = (typeof CRITERION_SITUATIONS)[number];

/**
 * Whose evidence a condition reads: the situation's own (`own`), also its country's country-wide evidence
 * (`country`), or also evidence with no country (`any`).
 */
export const CONDITION_SCOPES = ["own", "country", "any"] as const;
export type ConditionScope = (typeof CONDITION_SCOPES)[number];

/** What a condition counts over its evidence. */
export const CONDITION_MEASURES = [
  "records",
  "kinds",
  "deaths",
  "civilianDeaths",
  "displaced",
  "sources",
] as const;
export type ConditionMeasure = (typeof CONDITION_MEASURES)[number];

/** Speaker classes a mapping may require: an official actor, an actor independent of the conflict, or both. */
export const SPEAKER_CLASSES = ["official", "independent", "independent-official"] as const;
export type SpeakerClass = (typeof SPEAKER_CLASSES)[number];

/**
 * One condition of a level criterion: over the evidence of some mappings (within a window, or at any time),
 * a measure must reach `min` with at least the stated confidence.
 */
export interface ConditionRule {
  readonly id: string;
  /** What must be true, in words a reviewer can check against the records. */
  readonly text: string;
  readonly mappings: readonly string[];
  readonly scope?: string;
  /** Only evidence whose event ended within this many days counts (and any evidence for `holdDays` after it became known); absent: any time. */
  readonly withinDays?: number;
  readonly measure?: string;
  /** The measure's threshold (default 1). */
  readonly min?: number;
  /** The confidence the evidence must reach (default `probable`). */
  readonly confidence?: string;
  /**
   * For a condition with no window (a standing fact, such as an armed conflict): it ends when evidence of these
   * mappings (a ceasefire, a peace agreement) is dated after the last evidence of the condition's own.
   */
  readonly endedBy?: readonly string[];
}

/** A reference criterion of a level: when all its conditions hold (and the level it requires), the level holds. */
export interface CriterionRule {
  readonly id: string;
  readonly level: string;
  readonly situations?: string;
  /** Another level whose criteria must also hold (imminent requires high). */
  readonly requires?: string;
  readonly text: string;
  /** A worked example, for reviewers (docs/rulebook.md prints it). */
  readonly example?: string;
  /** The atrocity crimes the criterion speaks to (for explanations). */
  readonly crimes?: readonly string[];
  readonly conditions: readonly ConditionRule[];
}

/** The Admiralty grades that make a record confirmed or probable; the rest is possible (an allegation). */
export interface ConfidenceRule {
  readonly confirmed: { readonly reliability: readonly string[]; readonly credibility: readonly number[] };
  readonly probable: { readonly reliability: readonly string[]; readonly credibility: readonly number[] };
  /** Distinct sources that, converging, raise evidence one tier (possible → probable → confirmed). */
  readonly independentSources: number;
}

/** Who counts as an official speaker, and who is a party (never independent) to a situation. */
export interface SpeakerRule {
  readonly officialKinds: readonly string[];
  readonly officialRoles: readonly string[];
  /** Roles that make an actor a party to every situation (a perpetrator, the territorial state). */
  readonly partyRoles: readonly string[];
  /** Kinds that make an actor a party to the situations of its own country (its government, its forces). */
  readonly partyKindsInOwnCountry: readonly string[];
}

/** When the civilians of a country, and of its first-level regions, are situations of their own. */
export interface SituationRule {
  /** A country's civilians are a situation once evidence of these mappings is known for them. */
  readonly civilians: { readonly mappings: readonly string[] };
  /** A region is a situation once this many events of these mappings are known there (absent: no regions). */
  readonly regions?: { readonly mappings: readonly string[]; readonly minEvents: number };
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
  /** Score-based level rules (rulebooks 1 and 2). A rulebook has these or `criteria`. */
  readonly levels?: readonly LevelRule[];
  /** Reference criteria of the levels (rulebook 3 on). */
  readonly criteria?: readonly CriterionRule[];
  readonly confidence?: ConfidenceRule;
  /** New evidence counts in every window for at least this many days after it became known. */
  readonly holdDays?: number;
  readonly speakers?: SpeakerRule;
  readonly situations?: SituationRule;
  readonly escalation: { readonly stages: readonly StageRule[] };
  readonly playbook: readonly PlaybookEntry[];
}
