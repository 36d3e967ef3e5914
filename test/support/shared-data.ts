// Data outside the repository: the real provider samples and the EWP file in ../shared (beside the checkout in
// CI and on the maintainers' machines, never in a fresh clone). Suites that use it skip when it is absent and
// say so once, naming the suite and the missing path, so a skipped real-sample run is visible in the output.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root (this file is test/support/shared-data.ts). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The folder beside the repository that holds the data the project may not redistribute. */
export const SHARED_DIR = resolve(REPO_ROOT, "../shared");

/** A path under ../shared (e.g. `data/formats/acled/x.csv`). */
export function sharedPath(relative: string): string {
  return resolve(SHARED_DIR, relative);
}

const warned = new Set<string>();

/**
 * Whether every path exists; when one does not, warn once per suite: `[suite] ../shared/... is absent: ... SKIPPED`.
 * @example describe.skipIf(!hasSharedData("importers/samples", [REAL_SAMPLES.ucdp]))("real samples", ...)
 */
export function hasSharedData(suite: string, paths: readonly string[]): boolean {
  const missing = paths.find((p) => !existsSync(p));
  if (missing === undefined) return true;
  if (!warned.has(suite)) {
    warned.add(suite);
    console.warn(
      `[${suite}] ${missing} is absent (data kept outside the repository, in ../shared): the real-sample tests of this suite are SKIPPED`,
    );
  }
  return false;
}
