/** Spawn the real `tocsin` binary (bin/tocsin.js over the built dist/) and capture its output. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface BinResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `tocsin ...args` in `cwd` (default: the repo root) with a clean TOCSIN_DB. */
export function runBin(
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): BinResult {
  const r = spawnSync(process.execPath, [`${repoRoot}bin/tocsin.js`, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, TOCSIN_DB: "", TZ: "UTC", ...opts.env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
