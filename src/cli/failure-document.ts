/**
 * The error document a failed command prints on stdout under `--json` when it printed nothing there itself
 * (usage errors found by commander, an unknown command, a command's own error): `--json` always leaves exactly
 * one JSON document on stdout, `{ "error": { "code", "message" }, "exitCode" }`.
 * @module
 */
import { CommanderError } from "commander";
import { CliError } from "./cli-error.js";

/** What `--json` prints for a failure. */
export interface FailureDocument {
  readonly error: { readonly code: string; readonly message: string };
  readonly exitCode: number;
}

/** Whether the arguments ask for `--json` (before any `--`). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

/**
 * The document for `e`, which ended the run with `exitCode`.
 * @example failureDocument(new CommanderError(1, "commander.unknownOption", "error: unknown option '--x'"), 2)
 * // { error: { code: "USAGE", message: "unknown option '--x'" }, exitCode: 2 }
 */
export function failureDocument(e: unknown, exitCode: number): FailureDocument {
  if (e instanceof CommanderError) {
    // `tocsin` or `tocsin log` alone: commander printed the help on stderr.
    const message =
      e.code === "commander.help" ? "a command is required (see --help)" : e.message.replace(/^error: /u, "");
    return { error: { code: "USAGE", message }, exitCode };
  }
  if (e instanceof CliError)
    return {
      error: { code: e.code ?? (e.exitCode === 1 ? "PROBLEMS" : "INVALID_INPUT"), message: e.message },
      exitCode,
    };
  return { error: { code: "UNEXPECTED", message: e instanceof Error ? e.message : String(e) }, exitCode };
}
