// `tocsin timeline --db`: reading never creates a store, and a case missing from the store is a usage error.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runBin } from "./run-bin.js";

// Each test spawns the binary (twice for the second), which can take seconds on a loaded machine.
describe("tocsin timeline --db", { timeout: 60_000 }, () => {
  it("exits 2 'no store at …' on a missing SQLite file and creates nothing", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tocsin-timeline-"));
    const db = path.join(dir, "new.db");
    const r = runBin(["timeline", "--case", "rwanda-1990-1994", "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no store at ${db}`);
    expect(r.stdout).toBe("");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("exits 2 naming the case and `tocsin case load` when the store does not hold the case", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tocsin-timeline-"));
    const db = path.join(dir, "other.db");
    const load = runBin([
      "case",
      "load",
      path.join(repoRoot, "test/fixtures/cases/synthetic-xv"),
      "--db",
      db,
    ]);
    expect(load.code).toBe(0);
    const r = runBin(["timeline", "--case", "rwanda-1990-1994", "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`case rwanda-1990-1994 is not loaded in ${db}; run \`tocsin case load\``);
    expect(r.stdout).toBe("");
  });
});
