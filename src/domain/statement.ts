/**
 * Public statements: who said what, when, in which language, and the terms used to describe the violence.
 * @module
 */
import type { RecordBase } from "./record.js";

export interface Statement extends RecordBase {
  readonly actor: string;
  readonly language: string;
  readonly text?: string;
  readonly summary: string;
  /** Terms used to name or describe the violence, as said (the naming monitor classifies them). */
  readonly terms: readonly string[];
  readonly targetGroup?: string;
  readonly country?: string;
  /**
   * Case format 2: whether the violence the statement speaks of is under way (`current`, the default) or over
   * (`past`): naming a past crime is not a finding that it is being committed.
   */
  readonly refersTo?: "current" | "past";
}
