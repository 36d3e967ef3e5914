/**
 * Where CLI commands write: one JSON document or human text on stdout, progress and logs on stderr.
 * Commands receive this instead of touching `process` so tests can capture output.
 * @module
 */
import { terminalSafeJson } from "./terminal-text.js";

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
}

/**
 * Print one JSON document on stdout (the only thing `--json` prints there), with DEL and C1 control characters
 * escaped too: the same value once parsed, but a record's text cannot drive the terminal it is printed on.
 */
export function printJson(io: CliIo, value: unknown): void {
  io.out(terminalSafeJson(value));
}
