/**
 * Reports of inquiries, rapporteurs and NGOs: their findings, how they qualify the crimes, and what they recommend.
 * @module
 */
import type { CrimeAssessment } from "./atrocity-crime.js";
import type { RecordBase } from "./record.js";

export const QUALIFICATIONS = ["genocide", "not-genocide", "undecided", "not-addressed"] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

/** Tagged findings the engine can read without parsing prose. */
export const FINDING_TAGS = [
  "organised-violence",
  "state-involvement",
  "systematic-attacks",
  "targeting-protected-group",
  "impunity",
  "hate-propaganda",
  "arms-proliferation",
  "militia-activity",
  "genocide-risk",
  "allegations-established",
  // Case format 2.
  "forced-displacement",
  "siege",
  "denial-of-humanitarian-access",
  "discrimination",
  "sexual-violence",
  "mass-graves",
] as const;
export type FindingTag = (typeof FINDING_TAGS)[number];

export interface Finding {
  readonly text: string;
  readonly tags: readonly FindingTag[];
}

export interface Recommendation {
  readonly text: string;
  readonly addressees?: readonly string[];
  /** How concrete the recommendation is: a named measure with a deadline is strong; a wish is weak. */
  readonly strength: "strong" | "moderate" | "weak";
}

export interface Report extends RecordBase {
  readonly title: string;
  readonly authors: readonly string[];
  readonly targetGroup?: string;
  readonly country?: string;
  readonly findings: readonly Finding[];
  readonly qualification: Qualification;
  readonly recommendations: readonly Recommendation[];
  readonly mentionsGenocideRisk: boolean;
  readonly coversIncidents?: readonly string[];
  /** Case format 2: what the report finds about each atrocity crime (risk, alleged, likely, established). */
  readonly crimes?: readonly CrimeAssessment[];
}
