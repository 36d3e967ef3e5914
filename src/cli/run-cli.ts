/**
 * Runs the `tocsin` command line against a context and returns the exit code. Each command lives in its own
 * `*.command.ts` file and is registered in commands.ts.
 * @module
 */
import { Command, CommanderError } from "commander";
import { CliError } from "./cli-error.js";
import { registerCommands } from "./commands.js";
import type { CliContext } from "./context.js";

/**
 * Parse `argv` (without the node and script entries) and run the command.
 * @returns 0 success, 1 the work ran but found problems, 2 bad usage or invalid input.
 * @example await runCli(["case", "validate", "cases/rwanda-1990-1994"], ctx)
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const program = new Command()
    .name("tocsin")
    .description("Early warning, warning→response ledger and accountability for genocide and mass atrocities")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) });
  registerCommands(program, ctx);
  for (const c of program.commands) c.exitOverride();

  let exitCode = 0;
  try {
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
  }
  return exitCode;
}
