/**
 * What a format's row mapper returns: a record to store, a deletion, a row outside the importer's scope, or
 * the problems that make the row a reject. Mappers never throw on bad data.
 * @module
 */
import type { Actor, Incident, Source } from "../../domain/index.js";

/** One problem with one field of one row. */
export interface RowProblem {
  readonly field: string;
  readonly reason: string;
}

/** A record to upsert. `version` orders updates: a row replaces the stored one only when not older. */
export interface MappedRecord {
  readonly kind: "record";
  /** The key the provider gives the row (ACLED event_id_cnty, GED id, GLOBALEVENTID…). */
  readonly providerId: string;
  /** A string that sorts in provider-time order (zero-padded timestamp, release…). */
  readonly version: string;
  readonly record: ImportedRecord;
  /** Actors the record refers to; stored once each, first seen wins. */
  readonly actors: readonly Actor[];
  /**
   * References the mapper could not resolve inside the file (not to a record earlier in it, nor to one of
   * `actors`): each must name a record of that kind already in the target case, else the row is a reject
   * (`field`, "… is not an actor in the file or in case …"). Checking them needs the store (write-batch).
   */
  readonly refs?: readonly RecordRef[];
}

/** A reference from an imported record to another record, by id. */
export interface RecordRef {
  /** Where it sits in the record, e.g. `perpetrators.0`. */
  readonly field: string;
  readonly kind: "actor";
  readonly id: string;
}

/** The record kinds an import can write. */
export type ImportedRecord =
  | { readonly kind: "incident"; readonly value: Incident }
  | { readonly kind: "actor"; readonly value: Actor }
  | { readonly kind: "source"; readonly value: Source };

/** A provider's deletion notice (ACLED deletion lists). */
export interface MappedDeletion {
  readonly kind: "delete";
  readonly providerId: string;
  readonly recordId: string;
  readonly version: string;
}

/** A well-formed row the importer deliberately does not store (e.g. a GDELT event outside the CAMEO atrocity scope). */
export interface MappedSkip {
  readonly kind: "skip";
  readonly reason: string;
}

export interface MappedReject {
  readonly kind: "reject";
  readonly problems: readonly RowProblem[];
}

export type MappedRow = MappedRecord | MappedDeletion | MappedSkip | MappedReject;

/** Build a reject from problems. */
export function reject(...problems: RowProblem[]): MappedReject {
  return { kind: "reject", problems };
}
