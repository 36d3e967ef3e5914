/** What the rulebook checks report: one problem, with a stable code and the path it sits at. @module */
/** Stable codes of rulebook problems. */
export type RulebookProblemCode =
  "schema" | "duplicate-id" | "unknown-reference" | "cycle" | "missing" | "not-applicable" | "invalid-value";

/** One thing wrong with a rulebook, at a path such as `indicators[3].factor`. */
export interface RulebookProblem {
  readonly code: RulebookProblemCode;
  readonly path: string;
  readonly message: string;
}
