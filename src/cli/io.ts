/**
 * Where CLI commands write: one JSON document or human text on stdout, progress and logs on stderr.
 * Commands receive this instead of touching `process` so tests can capture output.
 * @module
 */

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
}

/** Print one JSON document on stdout (the only thing `--json` prints there). */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
