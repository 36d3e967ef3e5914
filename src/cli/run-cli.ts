/**
 * Runs the `tocsin` command line against a context and returns the exit code. Each command lives in its own
 * `*.command.ts` file and is registered in commands.ts.
 * @module
 */
import { Command, CommanderError } from "commander";
import { CliError, usageError } from "./cli-error.js";
import { registerCommands } from "./commands.js";
import type { CliContext } from "./context.js";
import { failureDocument, wantsJson } from "./failure-document.js";
import { printJson } from "./io.js";
import { registerKeysOption } from "./keys-option.js";
import { unknownCommand, unknownCommandMessage } from "./unknown-command.js";

/**
 * Parse `argv` (without the node and script entries) and run the command.
 * @returns 0 success, 1 the work ran but found problems, 2 bad usage or invalid input.
 * @example await runCli(["case", "validate", "cases/rwanda-1990-1994"], ctx)
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  // What the run printed on stdout, so a failure under --json can still leave one JSON document there.
  let printed = false;
  const env = { ...ctx.env };
  const run: CliContext = {
    ...ctx,
    env,
    io: {
      ...ctx.io,
      out: (t) => {
        printed = true;
        ctx.io.out(t);
      },
    },
  };
  const program = new Command()
    .name("tocsin")
    .description("Early warning, warning→response ledger and accountability for genocide and mass atrocities")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => run.io.out(s), writeErr: (s) => run.io.err(s) })
    // Each command's help also lists `--keys`, which every command takes.
    .configureHelp({ showGlobalOptions: true });
  const restoreKeys = registerKeysOption(program, env);
  registerCommands(program, run);
  for (const c of program.commands) c.exitOverride();

  let exitCode = 0;
  try {
    const unknown = unknownCommand(program, argv);
    if (unknown) throw usageError(unknownCommandMessage(unknown));
    await program.parseAsync([...argv], { from: "user" });
    exitCode = ctx.exitCode();
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2 as DESIGN.md says.
      exitCode = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof CliError) {
      ctx.io.err(`tocsin: ${e.message}\n`);
      exitCode = e.exitCode;
    } else {
      const message = e instanceof Error ? e.message : String(e);
      ctx.io.err(`tocsin: unexpected error: ${message}\n`);
      exitCode = 2;
    }
    if (exitCode !== 0 && !printed && wantsJson(argv)) printJson(ctx.io, failureDocument(e, exitCode));
  } finally {
    restoreKeys();
  }
  return exitCode;
}
