/**
 * Errors the CLI turns into an exit code and a one-line message (never a stack trace alone).
 * Exit codes follow DESIGN.md: 1 the work ran but found problems, 2 bad usage or invalid input.
 * @module
 */

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    /** A stable code for `--json` error documents (a store error's code, `USAGE`…); default by exit code. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad usage or invalid input: nothing was written. */
export function usageError(message: string): CliError {
  return new CliError(message, 2, "USAGE");
}
