// `tocsin report` driven through the CLI runner in-process (the same code the binary runs), output captured.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/load.js";
import { runInProcess } from "../cli/run-in-process.js";

const run = (args: readonly string[]) => runInProcess(args, { packageRoot: ROOT });

const synthetic = join(ROOT, "test/fixtures/cases/synthetic-xv");
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "tocsin-report-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("tocsin report", () => {
  it("prints the Markdown scorecard of a case folder (replaying the engine for the level timeline)", async () => {
    const r = await run(["report", "--case-dir", synthetic, "--step", "week"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("# Genocide Convention scorecard: Valdoria")).toBe(true);
    expect(r.stdout).toContain("## Duty to prevent");
    expect(r.stdout).toContain("## Duty to punish");
    expect(r.stdout).toContain("Special Criminal Court for Valdoria: 1 convicted, 1 acquitted");
  });

  it("prints one JSON document with --format json, as of the day asked", async () => {
    const r = await run([
      "report",
      "--case-dir",
      synthetic,
      "--format",
      "json",
      "--as-of",
      "2022-06-30",
      "--step",
      "month",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { asOf: string; levels: unknown[]; ledger: { warnings: unknown[] } };
    expect(doc.asOf).toBe("2022-06-30");
    expect(doc.levels.length).toBeGreaterThan(0);
    expect(doc.ledger.warnings).toHaveLength(1);
  });

  it("writes a printable HTML page with --out and prints the headlines on stderr", async () => {
    const out = join(tmp, "report.html");
    const r = await run([
      "report",
      "--case",
      "rwanda-1990-1994",
      "--format",
      "html",
      "--out",
      out,
      "--step",
      "week",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`wrote ${out}`);
    expect(r.stderr).toContain(
      "Punishment (International Criminal Tribunal for Rwanda): 61 convicted, 14 acquitted",
    );
    const html = await readFile(out, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script");
  });

  it("exits 2 on bad usage and on a missing case, writing nothing to stdout", async () => {
    for (const args of [
      ["report"],
      ["report", "--case-dir", synthetic, "--format", "pdf"],
      ["report", "--case-dir", synthetic, "--as-of", "2022-02-30"],
      ["report", "--case-dir", synthetic, "--window", "-3"],
      ["report", "--case-dir", join(tmp, "no-such-case")],
    ]) {
      const r = await run(args);
      expect([args.join(" "), r.code, r.stdout]).toEqual([args.join(" "), 2, ""]);
    }
  });
});
