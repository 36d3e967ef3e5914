/**
 * A case: the manifest and every record of one situation's history, as loaded from a case folder or the store.
 * @module
 */
import type { Actor } from "./actor.js";
import type { Capability } from "./capability.js";
import type { Commitment } from "./commitment.js";
import type { ProtectedGroup } from "./group.js";
import type { Incident } from "./incident.js";
import type { Mandate } from "./mandate.js";
import type { Report } from "./report.js";
import type { Response } from "./response.js";
import type { Source } from "./source.js";
import type { Statement } from "./statement.js";
import type { Tribunal } from "./tribunal.js";
import type { TribunalCase } from "./tribunal-case.js";
import type { Warning } from "./warning.js";
import type { RecordKind } from "./record.js";

/** A side of the conflict, for the one-sidedness of justice. */
export interface Side {
  readonly id: string;
  readonly name: string;
}

/** What the case declares about itself, for scoring the engine only: the engine never reads it. */
export interface Evaluation {
  /** The day the mass atrocity began (absent for a control). */
  readonly onset?: string;
  readonly onsetGroup?: string;
  readonly onsetCountry?: string;
  /** Case format 2: serious warning signs, but no mass atrocity followed within the period. */
  readonly control?: boolean;
  /** Case format 2: first day the records known then show the group's persecution. */
  readonly persecutionKnown?: string;
  /**
   * Case format 2: first day the records known then document killing on a mass scale, or a credible official
   * finding that atrocity crimes are being committed.
   */
  readonly massAtrocityKnown?: string;
  readonly notes?: string;
}

/** The case-folder format versions this code reads; 1 when a manifest does not say. */
export const CASE_FORMAT_VERSIONS = [1, 2] as const;
export type CaseFormatVersion = (typeof CASE_FORMAT_VERSIONS)[number];

export interface CaseManifest {
  readonly id: string;
  readonly title: string;
  readonly region: string;
  /** ISO 3166-1 alpha-3 codes of the countries concerned. */
  readonly countries: readonly string[];
  readonly period: { readonly from: string; readonly to: string };
  readonly description?: string;
  readonly sides: readonly Side[];
  /** Escalation chain by role: when a request lapses, the next link is warned. */
  readonly escalationChain: readonly string[];
  readonly languages?: readonly string[];
  readonly evaluation?: Evaluation;
  readonly version?: string;
  /** The case-folder format the case is written in (1 when absent). */
  readonly formatVersion?: CaseFormatVersion;
}

/** Every record of a case, by kind. */
export interface CaseRecords {
  readonly actor: readonly Actor[];
  readonly group: readonly ProtectedGroup[];
  readonly source: readonly Source[];
  readonly incident: readonly Incident[];
  readonly report: readonly Report[];
  readonly warning: readonly Warning[];
  readonly response: readonly Response[];
  readonly commitment: readonly Commitment[];
  readonly mandate: readonly Mandate[];
  readonly capability: readonly Capability[];
  readonly statement: readonly Statement[];
  readonly tribunal: readonly Tribunal[];
  readonly tribunalCase: readonly TribunalCase[];
}

export interface CaseBundle {
  readonly manifest: CaseManifest;
  readonly records: CaseRecords;
}

/** Map from kind to record type, for generic code over kinds. */
export type RecordOf<K extends RecordKind> = CaseRecords[K][number];

/** An empty set of records. */
export function emptyRecords(): CaseRecords {
  return {
    actor: [],
    group: [],
    source: [],
    incident: [],
    report: [],
    warning: [],
    response: [],
    commitment: [],
    mandate: [],
    capability: [],
    statement: [],
    tribunal: [],
    tribunalCase: [],
  };
}
