/**
 * Tribunals: their mandate (time, territory, subject matter), their cost, and any published aggregate results.
 * @module
 */
import type { RecordBase } from "./record.js";

export interface TribunalMandate {
  readonly temporal: { readonly from: string; readonly to: string };
  /** ISO 3166-1 alpha-3 codes; `neighbours` marks "and neighbouring States". */
  readonly territorial: readonly string[];
  readonly includesNeighbours?: boolean;
  readonly subjectMatter: readonly string[];
}

/** Figures a tribunal or its observers published, used where individual cases are not in the record. */
export interface TribunalAggregates {
  readonly convicted?: number;
  readonly acquitted?: number;
  readonly judged?: number;
  readonly referred?: number;
  readonly withdrawn?: number;
  readonly died?: number;
  readonly fugitive?: number;
}

export interface Tribunal extends RecordBase {
  readonly actor: string;
  readonly name: string;
  readonly establishedBy?: string;
  readonly instrument?: string;
  readonly mandate: TribunalMandate;
  readonly closedAt?: string;
  readonly budget?: { readonly totalUsd: number; readonly approximate: boolean };
  readonly aggregates?: TribunalAggregates;
}
