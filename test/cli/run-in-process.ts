/** Drive the CLI through its runner in-process (the same code the binary runs) and capture its output. */
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/run-cli.js";
import type { BinResult } from "./run-bin.js";
import { repoRoot } from "./run-bin.js";

/** Where the in-process CLI looks for its package files and its default store. */
export interface InProcessOptions {
  readonly packageRoot?: string;
  readonly defaultDb?: string;
  /** The environment the CLI sees (default: empty). */
  readonly env?: Readonly<Record<string, string>>;
  /** The day the CLI takes as today (default 2026-01-01). */
  readonly today?: string;
}

/** Run `tocsin ...args` in this process with a given (default empty) environment and a fixed "today". */
export async function runInProcess(args: readonly string[], opts: InProcessOptions = {}): Promise<BinResult> {
  let stdout = "";
  let stderr = "";
  let code = 0;
  const ctx: CliContext = {
    io: { out: (t) => void (stdout += t), err: (t) => void (stderr += t), isTTY: false },
    defaultDb: opts.defaultDb ?? "",
    defaultPort: 0,
    packageRoot: opts.packageRoot ?? repoRoot,
    env: { ...opts.env },
    setExitCode: (c) => void (code = Math.max(code, c)),
    exitCode: () => code,
    today: () => opts.today ?? "2026-01-01",
  };
  const exit = await runCli(args, ctx);
  return { code: exit, stdout, stderr };
}
