/**
 * The list of CLI commands. Each `register*` adds one command (with its `--help`) to the program.
 * @module
 */
import type { Command } from "commander";
import type { CliContext } from "./context.js";

/** Register every command on `program`. */
export function registerCommands(_program: Command, _ctx: CliContext): void {
  // Commands are added here as they land: demo, case, timeline, replay, report, forecast, backtest, import, serve.
}
