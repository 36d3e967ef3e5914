/**
 * The list of CLI commands. Each `register*` adds one command (with its `--help`) to the program.
 * @module
 */
import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { registerCaseCommand } from "./case.command.js";
import { registerDemoCommand } from "./demo.command.js";
import { registerServeCommand } from "./serve.command.js";
import { registerTimelineCommand } from "./timeline.command.js";
import { registerLogCommand } from "./log.command.js";
import { registerUserCommand } from "./user.command.js";
import { registerReplayCommand } from "./replay.command.js";
import { registerReportCommand } from "./report.command.js";
import { registerImportCommand } from "./import.command.js";
import { registerForecastCommands } from "./forecast.command.js";
import { registerBackupCommands } from "./backup.command.js";
import { registerEvaluateCommand } from "./evaluate.command.js";
import { registerWarningCommands } from "./warning.command.js";
import { registerWorkerCommand } from "./worker.command.js";
import { registerDataCommand } from "./data.command.js";

/** Register every command on `program`. */
export function registerCommands(_program: Command, _ctx: CliContext): void {
  // Commands are added here as they land: demo, case, timeline, replay, report, forecast, backtest, import, serve.
  registerDemoCommand(_program, _ctx);
  registerCaseCommand(_program, _ctx);
  registerTimelineCommand(_program, _ctx);
  registerServeCommand(_program, _ctx);
  registerLogCommand(_program, _ctx);
  registerUserCommand(_program, _ctx);
  registerReplayCommand(_program, _ctx);
  registerReportCommand(_program, _ctx);
  registerImportCommand(_program, _ctx);
  registerForecastCommands(_program, _ctx);
  registerBackupCommands(_program, _ctx);
  registerEvaluateCommand(_program, _ctx);
  registerWarningCommands(_program, _ctx);
  registerWorkerCommand(_program, _ctx);
  registerDataCommand(_program, _ctx);
}
