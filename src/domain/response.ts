/**
 * Responses: what a duty-bearer did, and which warning and requested action it answers.
 * @module
 */
import type { RecordBase } from "./record.js";

export const RESPONSE_KINDS = [
  "none",
  "acknowledgement",
  "refusal",
  "statement",
  "diplomatic-measure",
  "threat",
  "conditional-commitment",
  "sanction",
  "inquiry",
  "mandate-change",
  "deployment",
  "reinforcement",
  "withdrawal",
  "reduction",
  "evacuation-only",
  "humanitarian",
  "judicial",
  "proposal",
  "lobbying",
] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const REFUSAL_REASONS = [
  "mandate",
  "neutrality",
  "resources",
  "sovereignty",
  "political",
  "other",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Response kinds that count as doing something about the request (as opposed to answering it). */
export const ACTING_RESPONSES: readonly ResponseKind[] = [
  "sanction",
  "inquiry",
  "mandate-change",
  "deployment",
  "reinforcement",
  "judicial",
  "diplomatic-measure",
  "humanitarian",
];

export interface Response extends RecordBase {
  readonly actor: string;
  readonly kind: ResponseKind;
  readonly summary: string;
  readonly warning?: string;
  readonly requestedAction?: string;
  readonly refusalReason?: RefusalReason;
  /** For acting responses: did it do all of what was asked, or part? */
  readonly extent?: "full" | "partial";
  readonly targetGroup?: string;
  readonly country?: string;
}
