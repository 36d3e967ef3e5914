/**
 * What a level criterion found: per condition, the measure against its threshold, the confidence reached and the
 * records that meet it — what an assessment and an alert say about why.
 * @module
 */
import type { Citation } from "../../domain/index.js";
import type { ConditionMeasure, ConfidenceTier, RuledLevel } from "../rulebook.js";

/** A record behind a condition, as an alert cites it (sources by id only). */
export interface ConditionRecord {
  readonly record: string;
  readonly kind: string;
  readonly confidence: ConfidenceTier;
  readonly grade?: string;
  readonly knownAt: string;
  readonly eventDay: string;
  readonly deaths?: number;
  readonly displaced?: number;
  readonly summary?: string;
  readonly citations: readonly Citation[];
}

export interface ConditionFinding {
  readonly id: string;
  readonly text: string;
  readonly met: boolean;
  readonly measure: ConditionMeasure;
  /** The measure at the required confidence. */
  readonly value: number;
  readonly min: number;
  readonly required: ConfidenceTier;
  /** The highest confidence at which the condition is met (null when unmet). */
  readonly confidence: ConfidenceTier | null;
  /** The window of event days that counted (absent: any time). */
  readonly window?: { readonly from: string; readonly to: string };
  /** Records that count, strongest first, at most {@link CITED_RECORDS}. */
  readonly records: readonly ConditionRecord[];
  /** How many records count at the required confidence (the cited ones are a sample when larger). */
  readonly total: number;
  /** For a standing condition that evidence of an end closed: why it no longer holds. */
  readonly ended?: string;
}

export interface CriterionFinding {
  readonly id: string;
  readonly level: RuledLevel;
  readonly text: string;
  readonly crimes?: readonly string[];
  readonly met: boolean;
  /** The lowest confidence among its conditions when met. */
  readonly confidence: ConfidenceTier | null;
  readonly conditions: readonly ConditionFinding[];
  /** The level it requires, when that level does not hold. */
  readonly requiresUnmet?: string;
}
