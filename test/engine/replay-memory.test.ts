// A store too large for the memory the replay may use: `tocsin replay --case ID --db` stops with a clear
// message and exit 2 (under --json, one error document with code OUT_OF_MEMORY), and writes nothing — no alert
// and no log leaf. The limit is lowered with TOCSIN_MAX_HEAP_MB instead of filling a machine.
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { generate } from "../../bench/import-data.generator.js";
import { runInProcess } from "../cli/run-in-process.js";
import { tempDir } from "../importers/helpers.js";
import { packageRoot } from "./engine-cases.js";

function counts(db: string): { alerts: number; leaves: number } {
  const d = new Database(db, { readonly: true });
  try {
    const n = (t: string) => (d.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    return { alerts: n("alerts"), leaves: n("log_leaves") };
  } finally {
    d.close();
  }
}

describe("tocsin replay of a store too large for its memory", () => {
  it("exits 2 with a clear message and writes nothing", async () => {
    const dir = tempDir("tocsin-oom-");
    const db = join(dir, "store.db");
    const file = join(dir, "ged.csv");
    await generate("ucdp-ged", file, 300, 42);
    const imported = await runInProcess(["import", "ucdp-ged", file, "--db", db, "--json"], { packageRoot });
    expect(imported.code, imported.stderr).toBe(0);
    const before = counts(db);
    const args = ["replay", "--case", "import-ucdp-ged", "--db", db, "--step", "month"];
    const r = await runInProcess(args, { packageRoot, env: { TOCSIN_MAX_HEAP_MB: "1" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the replay of case import-ucdp-ged needs more memory than this process has");
    expect(r.stderr).toContain("nothing was written");
    const j = await runInProcess([...args, "--json"], { packageRoot, env: { TOCSIN_MAX_HEAP_MB: "1" } });
    expect(j.code).toBe(2);
    expect((JSON.parse(j.stdout) as { error: { code: string } }).error.code).toBe("OUT_OF_MEMORY");
    expect(counts(db)).toEqual(before);
    // With the default limit the same replay runs and stores its alerts.
    const ok = await runInProcess(args, { packageRoot });
    expect(ok.code, ok.stderr).toBe(0);
    expect(counts(db).alerts).toBeGreaterThan(0);
  }, 120_000);
});
