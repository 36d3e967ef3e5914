/**
 * What every CLI command receives from the composition root: output streams and defaults read from the
 * environment there (never here).
 * @module
 */
import type { CliIo } from "./io.js";

export interface CliContext {
  readonly io: CliIo;
  /** Default store location: `TOCSIN_DB` or `./tocsin.db`. A `postgres://` URL selects PostgreSQL. */
  readonly defaultDb: string;
  /** Default HTTP port: `PORT` or 8787. */
  readonly defaultPort: number;
  /** The package root (where `cases/`, `rulebook/` and `web/dist/` live). */
  readonly packageRoot: string;
  /** Environment values the composition root passes through (keys, key files); commands never read process.env. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A command that ran but found problems calls this with 1; the runner returns the highest code set. */
  readonly setExitCode: (code: 0 | 1 | 2) => void;
  readonly exitCode: () => number;
  /** Today's date (UTC, YYYY-MM-DD), from the clock the composition root chose. */
  readonly today: () => string;
  /**
   * Ask to be told when the user interrupts (Ctrl-C), instead of the process ending at once: a long command
   * (an import) stops after the step in flight and reports. Returns the function that withdraws the request.
   * Absent where nothing can interrupt (tests).
   */
  readonly onInterrupt?: (handler: () => void) => () => void;
}
