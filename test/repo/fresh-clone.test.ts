// Issue 14: a fresh clone with nothing beside it passes its own tests. This clones the current commit into an
// empty temporary folder (no ../shared next to it), links node_modules, and there (1) runs vitest's file
// discovery and (2) runs the suites that read the repository's fixtures and those with parts that need ../shared.
// Nothing may fail, no failure may come from a missing file (ENOENT), and the suites using ../shared must say
// they skipped. A static check keeps any other test from reading ../shared directly.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/shared-data.js";

/**
 * The suites run in the clone: together they read every format fixture and the Merkle vectors, and include the
 * suites whose real-sample parts need ../shared (which must skip with a notice). The heavier suites that read the
 * same fixtures run in the ordinary suite; the static check below keeps every test off ../shared paths except
 * through test/support/shared-data.ts.
 */
const IN_CLONE = [
  "src/importers/formats/gdelt.format.test.ts",
  "src/importers/formats/hxl.format.test.ts",
  "src/importers/formats/ucdp-ged.format.test.ts",
  "src/importers/pipeline/resolve-format.test.ts",
  "test/cli/backtest-outcome.test.ts",
  "test/forecast/glmnet-agreement.test.ts",
  "test/importers/aggregate.test.ts",
  "test/importers/archives.test.ts",
  "test/importers/cli.test.ts",
  "test/importers/format-fixtures.test.ts",
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
    timeout: 230_000,
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
  it("finds every test file and passes the fixture suites, skipping the ../shared parts with a notice", () => {
    const clone = join(tmp, "tocsin");
    const cloned = git(["clone", "--quiet", "--local", "--no-checkout", REPO_ROOT, clone], tmp);
    expect(cloned.status, cloned.stderr).toBe(0);
    const checkout = git(["checkout", "--quiet", "--detach", (head?.stdout ?? "").trim()], clone);
    expect(checkout.status, checkout.stderr).toBe(0);
    expect(existsSync(join(tmp, "shared"))).toBe(false);
    symlinkSync(realpathSync(join(REPO_ROOT, "node_modules")), join(clone, "node_modules"), "dir");

    // (1) File discovery: the clone's vitest finds every committed test file.
    const list = vitest(clone, ["list", "--filesOnly"]);
    expect(list.status, `${list.stdout}\n${list.stderr}`.slice(-4000)).toBe(0);
    const found = list.stdout.split("\n").filter((l) => l.endsWith(".test.ts"));
    const committed = git(["ls-files", "*.test.ts"], clone)
      .stdout.split("\n")
      .filter((l) => l !== "");
    expect(found.length).toBe(committed.length);
    expect(found.length).toBeGreaterThan(100);

    // (2) The fixture suites and those with parts that need ../shared, run to the end.
    const out = join(tmp, "report.json");
    const run = vitest(clone, [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}`,
      ...IN_CLONE,
    ]);
    expect(existsSync(out), run.stderr.slice(-4000)).toBe(true);
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
      [...IN_CLONE].sort(),
    );
    expect(report.numPassedTests).toBeGreaterThan(40);
    // The real-sample parts skipped, and said so by suite.
    expect(report.numPendingTests).toBeGreaterThan(0);
    for (const suite of ["importers/samples", "forecast/glmnet-agreement", "cli/backtest-outcome"])
      expect(`${run.stdout}${run.stderr}`).toContain(`[${suite}] `);
    expect(run.status).toBe(0);
  }, 240_000);
});

describe("tests never read ../shared directly", () => {
  it("only test/support/shared-data.ts names a path in ../shared; the others go through it", () => {
    const sources = ["src", "test", "web/src"].flatMap((top) =>
      (readdirSync(join(REPO_ROOT, top), { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => `${top}/${f}`),
    );
    // A string literal that starts with a path into ../shared, outside comments.
    const literal = /["'`](?:\.\.\/)+shared\b/;
    const code = (f: string) =>
      readFileSync(join(REPO_ROOT, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
    const offenders = sources.filter((f) => f !== "test/support/shared-data.ts" && literal.test(code(f)));
    expect(sources.length).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
