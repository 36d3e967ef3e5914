/**
 * Errors of the desk with a stable code: bad input to issue a warning (named field), a case that does not exist.
 * The CLI maps them to exit 2, the HTTP layer to 400/404 problems.
 * @module
 */

export type DeskErrorCode = "DESK_INVALID" | "DESK_NOT_FOUND" | "DESK_CONFIG";

/** One problem with the input, at a field path such as `recipients[1]`. */
export interface DeskProblem {
  readonly path: string;
  readonly message: string;
}

export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
    readonly problems: readonly DeskProblem[] = [],
  ) {
    super(message);
    this.name = "DeskError";
  }
}
