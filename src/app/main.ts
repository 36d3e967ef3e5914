/**
 * The composition root: the only module that reads `process.env`, `process.argv` and the clock, and wires the
 * CLI (and through it the store, importers and HTTP server) to the real world.
 * @module
 */
import { fileURLToPath } from "node:url";
import { runCli } from "../cli/run-cli.js";
import type { CliContext } from "../cli/context.js";
import { setStoreKeySettings } from "../cli/with-store.js";
import { keySettingsFromEnv } from "../storage/trust/index.js";

const packageRoot = fileURLToPath(new URL("../../", import.meta.url));
let code = 0;

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
};

// Key locations (TOCSIN_LOG_KEY_FILE, TOCSIN_FIELD_KEY_FILE, TOCSIN_FIELD_KEY, TOCSIN_LOG_NAME) for every store open.
setStoreKeySettings(keySettingsFromEnv(ctx.env));
process.exitCode = await runCli(process.argv.slice(2), ctx);
