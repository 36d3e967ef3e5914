/**
 * `--keys DIR`, an option of every command: the folder of the store's keys (as `TOCSIN_KEYS`), which it names
 * for this run to every store open and to the commands that read `ctx.env`.
 * @module
 */
import type { Command } from "commander";
import { usageError } from "./cli-error.js";
import { setStoreKeySettings, storeKeySettings } from "./with-store.js";

/**
 * Add `--keys DIR` to `program`; before a command runs, write it into `env` (the run's copy of the
 * environment) and the store key settings.
 * @returns the function that restores the key settings this run found (call it when the run ends).
 */
export function registerKeysOption(program: Command, env: Record<string, string | undefined>): () => void {
  const before = storeKeySettings();
  program.option(
    "--keys <dir>",
    "the folder of the store's keys (default: <db>.keys beside a SQLite file, " +
      "$XDG_DATA_HOME/tocsin/keys/<store> for PostgreSQL; or TOCSIN_KEYS)",
  );
  program.hook("preAction", () => {
    const dir = program.opts<{ keys?: string }>().keys;
    if (dir === undefined) return;
    if (dir.trim() === "") throw usageError("--keys needs a folder");
    env.TOCSIN_KEYS = dir;
    setStoreKeySettings({ ...before, keysDir: dir });
  });
  return () => setStoreKeySettings(before);
}
