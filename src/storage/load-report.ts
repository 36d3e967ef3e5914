/**
 * What loading a case did, per kind and in total. A second load of the same case reports everything unchanged.
 * @module
 */
import type { RecordKind } from "../domain/index.js";

/** Counts for one kind (or the total). */
export interface LoadCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
}

export interface LoadReport {
  readonly caseId: string;
  /** What happened to the case's manifest row. */
  readonly manifest: "inserted" | "updated" | "unchanged";
  readonly byKind: Readonly<Record<RecordKind, LoadCounts>>;
  readonly totals: LoadCounts;
  /** False when the load wrote nothing at all. */
  readonly changed: boolean;
}
