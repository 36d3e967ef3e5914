/**
 * The composition root: the only module that reads `process.env`, `process.argv` and the clock, and wires the
 * CLI (and through it the store, importers and HTTP server) to the real world.
 * @module
 */
import { fileURLToPath } from "node:url";
import { runCli } from "../cli/run-cli.js";
import type { CliContext } from "../cli/context.js";
import { setStoreKeySettings } from "../cli/with-store.js";
import { keySettingsFromEnv } from "../storage/keys/index.js";

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
let code = 0;

/**
 * Ctrl-C while a command asked to hear of it: tell it (it stops after the step in flight and reports); a second
 * Ctrl-C ends the process at once (exit 130). With nobody listening, SIGINT keeps its default: exit at once.
 */
const interruptHandlers = new Set<() => void>();
let interrupted = false;
const onSigint = (): void => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write("\ninterrupted: finishing the step in flight (Ctrl-C again to stop at once)\n");
  for (const h of interruptHandlers) h();
};

const ctx: CliContext = {
  io: {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
  },
  defaultDb: process.env.TOCSIN_DB ?? "./tocsin.db",
  defaultPort: Number(process.env.PORT ?? 8787),
  packageRoot,
  env: process.env,
  setExitCode: (c) => {
    code = Math.max(code, c);
  },
  exitCode: () => code,
  today: () => new Date().toISOString().slice(0, 10),
  onInterrupt: (handler) => {
    interruptHandlers.add(handler);
    if (interruptHandlers.size === 1) process.on("SIGINT", onSigint);
    return () => {
      interruptHandlers.delete(handler);
      if (interruptHandlers.size === 0) process.off("SIGINT", onSigint);
    };
  },
};

// Key locations (TOCSIN_LOG_KEY_FILE, TOCSIN_FIELD_KEY_FILE, TOCSIN_FIELD_KEY, TOCSIN_LOG_NAME) for every store open.
setStoreKeySettings(keySettingsFromEnv(ctx.env));
process.exitCode = await runCli(process.argv.slice(2), ctx);
