/**
 * What an assessment says about one situation on one day: level, score by risk factor, the indicators present
 * with the records that support them, the escalation stage, and what changed since the previous assessment.
 * @module
 */
import type { Citation } from "../domain/index.js";
import type { CriterionFinding } from "./criteria/criterion-finding.js";
import type { Situation } from "./situation.js";

export type { Situation } from "./situation.js";
import type { ConfidenceTier, MappedRecord, RiskLevel } from "./rulebook.js";

/** A record supporting an indicator. Citations name sources by id only, never a protected identity. */
export interface EvidenceRef {
  readonly record: string;
  readonly kind: MappedRecord;
  readonly mapping: string;
  readonly knownAt: string;
  readonly eventDay: string;
  /** Admiralty grade of the best source known at the time, e.g. "B2". */
  readonly grade?: string;
  /** Weight when recorded (strength × grade × toll), before decay; evidence is listed strongest-after-decay first. */
  readonly weight: number;
  readonly citations: readonly Citation[];
  /** What the evidence is when it is not a stored record (`kind: "series"`: a surge, with its numbers). */
  readonly summary?: string;
}

export interface IndicatorFinding {
  readonly indicator: string;
  readonly factor: string;
  readonly text: string;
  readonly signals: readonly string[];
  /** 0…1: 1 − exp(−decayed evidence / saturation), or for a derived indicator the mean of its strongest sources. */
  readonly strength: number;
  /** weight × strength: what the indicator adds to the score. */
  readonly points: number;
  /** The strongest supporting records (at most the rulebook's `evidencePerIndicator`). */
  readonly evidence: readonly EvidenceRef[];
  /** How many pieces of evidence support it in all. */
  readonly evidenceCount: number;
  readonly derivedFrom?: readonly string[];
}

export interface FactorScore {
  readonly factor: string;
  readonly name: string;
  readonly score: number;
}

export interface StageFinding {
  readonly id: string;
  readonly name: string;
  /** 1 for the first stage. */
  readonly index: number;
}

export interface AssessmentChanges {
  readonly previousLevel: RiskLevel | null;
  readonly levelChanged: boolean;
  readonly scoreDelta: number | null;
  readonly indicatorsAdded: readonly string[];
  readonly indicatorsRemoved: readonly string[];
  readonly newEvidence: readonly string[];
  readonly stageChanged: boolean;
}

export interface Assessment {
  readonly asOf: string;
  readonly situation: Situation;
  readonly level: RiskLevel;
  /** Sum of indicator points, rounded to 2 decimals. */
  readonly score: number;
  /** Every risk factor with points, in rulebook order. */
  readonly factors: readonly FactorScore[];
  /** Indicators present, in rulebook order. */
  readonly indicators: readonly IndicatorFinding[];
  readonly stage: StageFinding | null;
  /** Why the level is what it is (and why not the next one up). */
  readonly reasons: readonly string[];
  readonly changes: AssessmentChanges;
  /**
   * With a rulebook of level criteria: every criterion met at this level (which records meet each condition,
   * with what confidence), and the closest criterion of the next level up with what it lacks.
   */
  readonly criteria?: { readonly met: readonly CriterionFinding[]; readonly next: CriterionFinding | null };
  /** The confidence of the level's leading criterion (null at none, absent with a score-based rulebook). */
  readonly confidence?: ConfidenceTier | null;
}
