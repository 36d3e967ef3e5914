/**
 * The `tocsin` command line. Each command lives in its own `*.command.ts` file and registers itself here.
 * This file is the CLI's composition root: the only CLI file that reads `process`.
 * @module
 */
import { Command, CommanderError } from "commander";
import { fileURLToPath } from "node:url";
import { CliError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { registerCommands } from "./commands.js";

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));

const ctx: CliContext = {
  io: {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
  },
  defaultDb: process.env.TOCSIN_DB ?? "./tocsin.db",
  defaultPort: Number(process.env.PORT ?? 8787),
  packageRoot,
};

const program = new Command()
  .name("tocsin")
  .description("Early warning, warning→response ledger and accountability for genocide and mass atrocities")
  .version("0.1.0")
  .exitOverride()
  .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

registerCommands(program, ctx);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version exit 0; usage errors exit 2 as DESIGN.md says.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof CliError) {
    process.stderr.write(`tocsin: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`tocsin: unexpected error: ${message}\n`);
    process.exitCode = 2;
  }
}
