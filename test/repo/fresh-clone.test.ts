// Issue 14: a fresh clone with nothing beside it passes its own tests. This clones the current commit into an
// empty temporary folder (no ../shared next to it), links node_modules, and there (1) runs vitest's file
// discovery and collection of every test file, and (2) runs the suites that read data outside the repository
// before the fixtures existed. Nothing may fail, and no failure may come from a missing file (ENOENT); the
// suites using ../shared must say they skipped.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/shared-data.js";

/** The suites that read ../shared before the repository carried its own fixtures (the browser suite aside). */
export const FORMERLY_SHARED = [
  "src/cli/import.command.test.ts",
  "src/importers/formats/gdelt.format.test.ts",
  "src/importers/formats/hxl.format.test.ts",
  "src/importers/formats/ucdp-ged.format.test.ts",
  "src/importers/input/huge-record.import.test.ts",
  "src/importers/pipeline/batch-chunks.test.ts",
  "src/importers/pipeline/resolve-format.test.ts",
  "test/cli/backtest-outcome.test.ts",
  "test/engine/imported-replay.test.ts",
  "test/forecast/glmnet-agreement.test.ts",
  "test/http/record-versions.test.ts",
  "test/importers/aggregate.test.ts",
  "test/importers/archives.test.ts",
  "test/importers/bad-input.test.ts",
  "test/importers/cli.test.ts",
  "test/importers/format-fixtures.test.ts",
  "test/importers/living.test.ts",
  "test/importers/log.test.ts",
  "test/importers/pipeline-resume.test.ts",
  "test/importers/pipeline-review.test.ts",
  "test/importers/property.test.ts",
  "test/importers/samples.test.ts",
  "test/integrity/merkle-vectors.test.ts",
] as const;

const git = (args: readonly string[], cwd: string) =>
  spawnSync("git", args, { cwd, encoding: "utf8", timeout: 60_000 });

const insideClone = process.env.TOCSIN_FRESH_CLONE === "1";
const head = insideClone ? undefined : git(["rev-parse", "HEAD"], REPO_ROOT);
const canClone = head?.status === 0 && existsSync(join(REPO_ROOT, "node_modules"));
if (!insideClone && !canClone)
  console.warn(
    `[repo/fresh-clone] ${REPO_ROOT} is not a git checkout with node_modules: the fresh-clone check is SKIPPED`,
  );

const tmp = canClone ? mkdtempSync(join(tmpdir(), "tocsin-fresh-")) : "";
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Run vitest in the clone (no PostgreSQL: its halves skip with their own notices). */
function vitest(clone: string, args: readonly string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: "UTC", TOCSIN_FRESH_CLONE: "1" };
  delete env.TOCSIN_TEST_PG;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, [join(clone, "node_modules/vitest/vitest.mjs"), ...args], {
    cwd: clone,
    env,
    encoding: "utf8",
    timeout: 170_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface JsonReport {
  numFailedTests: number;
  numFailedTestSuites: number;
  numPassedTests: number;
  numPendingTests: number;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { failureMessages: string[] }[];
  }[];
}

describe.skipIf(!canClone)("a fresh clone with nothing beside it", () => {
  it("collects every test file and passes the suites that used ../shared, skipping the real-sample parts with a notice", () => {
    const clone = join(tmp, "tocsin");
    const cloned = git(["clone", "--quiet", "--local", "--no-checkout", REPO_ROOT, clone], tmp);
    expect(cloned.status, cloned.stderr).toBe(0);
    const checkout = git(["checkout", "--quiet", "--detach", (head?.stdout ?? "").trim()], clone);
    expect(checkout.status, checkout.stderr).toBe(0);
    expect(existsSync(join(tmp, "shared"))).toBe(false);
    symlinkSync(realpathSync(join(REPO_ROOT, "node_modules")), join(clone, "node_modules"), "dir");

    // (1) Discovery and collection: every file is imported, so a module that reads a missing file fails here.
    const list = vitest(clone, ["list", "--filesOnly"]);
    expect(list.status, `${list.stdout}\n${list.stderr}`.slice(-4000)).toBe(0);
    expect(list.stderr).not.toMatch(/ENOENT/);
    const files = list.stdout.split("\n").filter((l) => l.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(100);

    // (2) The suites that read ../shared, run to the end.
    const out = join(tmp, "report.json");
    const run = vitest(clone, ["run", "--reporter=json", `--outputFile=${out}`, ...FORMERLY_SHARED]);
    const report = JSON.parse(readFileSync(out, "utf8")) as JsonReport;
    const failures = report.testResults.flatMap((f) => [
      f.message,
      ...f.assertionResults.flatMap((a) => a.failureMessages),
    ]);
    expect(failures.filter((m) => /ENOENT/.test(m))).toEqual([]);
    expect([report.numFailedTestSuites, report.numFailedTests], failures.join("\n").slice(0, 4000)).toEqual([
      0, 0,
    ]);
    expect(report.testResults.map((f) => f.name.slice(clone.length + 1)).sort()).toEqual(
      [...FORMERLY_SHARED].sort(),
    );
    expect(report.numPassedTests).toBeGreaterThan(100);
    // The real-sample parts skipped, and said so by suite.
    expect(report.numPendingTests).toBeGreaterThan(0);
    for (const suite of [
      "importers/samples",
      "importers/log",
      "forecast/glmnet-agreement",
      "cli/backtest-outcome",
    ])
      expect(run.stderr).toContain(`[${suite}] `);
    expect(run.status).toBe(0);
  }, 180_000);
});
