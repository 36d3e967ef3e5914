// `tocsin import` through the real command line runner: report, --json, --rejects, --strict and exit codes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { cliContext, SAMPLES, tempDir } from "./helpers.js";

async function cli(db: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { ctx, out, err } = cliContext(db);
  const code = await runCli(argv, ctx);
  return { code, out: out.join(""), err: err.join("") };
}

describe("tocsin import", () => {
  it("imports a sample, prints the report, and a re-import is all unchanged (exit 0)", async () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const first = await cli(db, "import", "auto", SAMPLES.ucdp);
    expect(first.code).toBe(0);
    expect(first.out).toContain("ucdp-ged → case import-ucdp-ged");
    expect(first.out).toContain(
      "read 450, imported 450, updated 0, unchanged 0, deleted 0, skipped 0, rejected 0",
    );
    const again = await cli(
      db,
      "import",
      "ucdp-ged",
      SAMPLES.ucdp,
      "--db",
      db,
      "--json",
      "--release",
      "23.1",
    );
    expect(again.code).toBe(0);
    const report = JSON.parse(again.out) as { read: number; unchanged: number; imported: number };
    expect([report.read, report.imported, report.unchanged]).toEqual([450, 0, 450]);
  });

  it("exits 1 with rejects and 2 under --strict; bad usage exits 2", async () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const lines = readFileSync(SAMPLES.acledOneCountry, "utf8").split("\n");
    lines[2] = (lines[2] as string).replace(/,\d+$/, ",soon");
    const file = join(dir, "bad.csv");
    writeFileSync(file, lines.join("\n"));
    const rejects = join(dir, "rejects.csv");
    const strict = await cli(db, "import", "acled", file, "--strict", "--rejects", rejects);
    expect(strict.code).toBe(2);
    expect(strict.out).toContain("strict: nothing was written");
    const run = await cli(db, "import", "acled", file, "--rejects", rejects);
    expect(run.code).toBe(1);
    expect(run.out).toContain("imported 119");
    expect(run.err).toContain('line 3: timestamp: "soon" is not a whole number');
    expect(readFileSync(rejects, "utf8").split("\n")[1]).toMatch(/^3,timestamp,/);
    expect((await cli(db, "import", "excel", file)).code).toBe(2);
    const missing = await cli(db, "import", "acled", join(dir, "none.csv"));
    expect([missing.code, missing.err.includes("cannot read")]).toEqual([2, true]);
  });
});

describe("tocsin import never prints a protected identity", () => {
  it("keeps a rejected confidential row's identity out of --json and the rejects file", async () => {
    const dir = tempDir();
    const db = join(dir, "t.db");
    const file = join(dir, "canary.jsonl");
    const row = {
      kind: "source",
      record: {
        id: "src-canary",
        title: "Witness",
        kind: "witness",
        reliability: "Q",
        credibility: 2,
        confidential: true,
        protectedIdentity: { name: "CANARYNAME2", contact: "CANARYCONTACT", exactPlace: "CANARYPLACE" },
      },
    };
    writeFileSync(file, `${JSON.stringify(row)}\n`);
    const rejects = join(dir, "rejects.csv");
    const r = await cli(db, "import", "tocsin", file, "--json", "--rejects", rejects);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { rejected: number; problems: Record<string, unknown>[] };
    expect(report.rejected).toBe(1);
    expect(Object.keys(report.problems[0] ?? {}).sort()).toEqual(["fields", "line", "reasons"]);
    const written = readFileSync(rejects, "utf8");
    for (const text of [r.out, r.err, written]) expect(text).not.toMatch(/CANARY/);
    expect(written).toContain("[redacted]");
    expect(written).toContain("src-canary");
  });
});
