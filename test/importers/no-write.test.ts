// Bad input writes nothing: `tocsin import` (the built binary, dist/) checks the file and its header before
// it opens the store, so a missing file or missing columns exit 2 with only the error, and no database or
// key folder is created.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers.js";

const BIN = resolve(process.cwd(), "bin/tocsin.js");
const built = existsSync(resolve(process.cwd(), "dist/cli"));
if (!built)
  console.warn("[importers/no-write] dist/ is missing (run npx tsc -p tsconfig.build.json): SKIPPED");

function tocsin(...argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!built)("tocsin import with bad input creates nothing", () => {
  it("a missing file: exit 2, the error only, no database, no keys", () => {
    const dir = tempDir();
    const db = join(dir, "x.db");
    const r = tocsin("import", "ucdp-ged", join(dir, "nonexistent.csv"), "--db", db);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("nonexistent.csv");
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(`${db}.keys`)).toBe(false);
  });

  it("missing columns: exit 2, the error only (with --json, as one error document), no database, no keys", () => {
    const dir = tempDir();
    const file = join(dir, "bad.csv");
    writeFileSync(file, "a,b\n1,2\n");
    const db = join(dir, "x.db");
    const r = tocsin("import", "ucdp-ged", file, "--db", db, "--json");
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out) as { error: { code: string; message: string }; exitCode: number };
    expect([doc.error.code, doc.exitCode]).toEqual(["IMPORT_MISSING_COLUMNS", 2]);
    expect(doc.error.message).toContain("missing columns");
    expect(r.err).toContain("missing columns");
    expect(readdirSync(dir)).toEqual(["bad.csv"]);
  });
});
