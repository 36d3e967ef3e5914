// Imported event data feeds the engine like case records do: ACLED rows imported into a store are replayed from
// that store (`tocsin replay --case import-acled --db`), and a month of one-sided violence well above the
// country's own past raises an alert whose evidence includes the surge.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../cli/run-in-process.js";
import { SAMPLES, tempDir } from "../importers/helpers.js";
import { packageRoot } from "./engine-cases.js";

/**
 * ACLED rows for one country: one attack on civilians a month without deaths for `quiet` months (one-sided
 * violence the series counts), then `burst` attacks killing 5 civilians each in the next month, each known 5 days
 * after it happened. Built from a real row of the sample (its columns, its actors).
 */
function surgeFile(dir: string, quiet: number, burst: number): string {
  const rows = parse(readFileSync(SAMPLES.acledMixed, "utf8"), { columns: true }) as Record<string, string>[];
  const template = rows.find((r) => r.event_id_cnty === "BRASYNTH2");
  if (!template) throw new Error("template row missing from the ACLED sample");
  const out: Record<string, string>[] = [];
  const add = (n: number, month: number, day: number, fatalities: number) => {
    const date = new Date(Date.UTC(2021, month, day));
    out.push({
      ...template,
      event_id_cnty: `BRA9${String(n).padStart(4, "0")}`,
      event_date: date.toISOString().slice(0, 10),
      year: String(date.getUTCFullYear()),
      fatalities: String(fatalities),
      timestamp: String(date.getTime() / 1000 + 5 * 86400),
    });
  };
  let n = 0;
  for (let m = 0; m < quiet; m++) add((n += 1), m, 10, 0);
  for (let k = 0; k < burst; k++) add((n += 1), quiet, 2 + k, 5);
  const file = join(dir, "surge.csv");
  writeFileSync(file, stringify(out, { header: true, columns: Object.keys(template) }));
  return file;
}

describe("imported events in the engine", () => {
  it("replays an import case from the store, with an alert citing the month's surge", async () => {
    const dir = tempDir();
    const db = join(dir, "store.db");
    const file = surgeFile(dir, 9, 8);
    const imported = await runInProcess(["import", "acled", file, "--db", db, "--json"], { packageRoot });
    expect(imported.code).toBe(0);
    expect((JSON.parse(imported.stdout) as { imported: number }).imported).toBe(17);

    const r = await runInProcess(["replay", "--case", "import-acled", "--db", db, "--json"], { packageRoot });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      case: string;
      steps: number;
      alerts: {
        date: string;
        situation: { country: string };
        level: string;
        evidence: { record: string }[];
      }[];
    };
    expect(doc.case).toBe("import-acled");
    // The case's period covers the imported events, so the replay walks through them.
    expect(doc.steps).toBeGreaterThan(30);
    const surge = doc.alerts.find((a) => a.evidence.some((e) => e.record.startsWith("series:")));
    expect(surge, JSON.stringify(doc.alerts.map((a) => [a.date, a.level]))).toBeDefined();
    expect(surge?.situation.country).toBe("BRA");
    // Not before the burst month (2021-10) could be known.
    expect(surge && surge.date >= "2021-10-01").toBe(true);
    // Rulebook 3: 40 civilians killed in the burst month (≥ 25) make the civilians' situation high, and the
    // month's surge makes it imminent; the alert cites the surge among the records meeting the criterion.
    expect(surge?.level).toBe("imminent");
    expect(r.stderr).toMatch(/alert\(s\), rulebook atrocity-risk 3\.0\.0/);
  });

  it("says so when the case is neither built in nor in the store", async () => {
    const dir = tempDir();
    const r = await runInProcess(["replay", "--case", "import-gdelt", "--db", join(dir, "empty.db")], {
      packageRoot,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/neither a built-in case nor a case in .*import or load it first/);
  });
});
