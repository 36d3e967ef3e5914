/**
 * What every stored record shares: a stable id, when it happened, when it became known, and its citations.
 * @module
 */
import type { Citation } from "./citation.js";
import type { When } from "./dates.js";

/** The kinds of record a case holds, in the order they are listed and loaded. */
export const RECORD_KINDS = [
  "actor",
  "group",
  "source",
  "incident",
  "report",
  "warning",
  "response",
  "commitment",
  "mandate",
  "capability",
  "statement",
  "tribunal",
  "tribunalCase",
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

/** Fields common to all records. `knownAt` is the day the record became available to the people concerned. */
export interface RecordBase {
  readonly id: string;
  readonly occurredAt: When;
  readonly knownAt: string;
  readonly citations: readonly Citation[];
  readonly notes?: string;
}
