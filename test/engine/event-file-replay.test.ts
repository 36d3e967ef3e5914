// A real-looking UCDP GED file of a country in an ongoing mass killing, written here (no outside data), imported
// through the CLI and replayed from the store: the country's civilians are `ongoing` within 7 days of the events
// becoming known, from the counts the file gives (one-sided violence and civilians killed in battles), with no
// group coded; and a quiet country in the same file is not.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "../../src/domain/index.js";
import { runInProcess } from "../cli/run-in-process.js";
import { tempDir } from "../importers/helpers.js";
import { packageRoot } from "./engine-cases.js";

const COLUMNS = [
  "id",
  "year",
  "type_of_violence",
  "conflict_name",
  "side_a_new_id",
  "side_a",
  "side_b_new_id",
  "side_b",
  "where_prec",
  "where_coordinates",
  "adm_1",
  "adm_2",
  "latitude",
  "longitude",
  "country",
  "country_id",
  "date_prec",
  "date_start",
  "date_end",
  "deaths_a",
  "deaths_b",
  "deaths_civilians",
  "deaths_unknown",
  "best",
  "high",
  "low",
];

/** A seeded PRNG (mulberry32), so the file is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 18 months of a government's war on a country (Gleditsch–Ward 500) from 2019-01-01: battles with the rebels
 * that kill civilians too, and one-sided killings of civilians, spread over four provinces; plus a handful of
 * small battles in a second country (GW 510) with no civilian deaths.
 */
function gedFile(dir: string): string {
  const rand = prng(7);
  const rows: Record<string, string | number>[] = [];
  let id = 100000;
  const provinces = ["North", "South", "East", "West"];
  for (let d = 0; d < 540; d += 1) {
    const day = addDays("2019-01-01", d);
    for (let k = 0; k < 3; k += 1) {
      const oneSided = rand() < 0.4;
      const civilians = oneSided ? 1 + Math.floor(rand() * 6) : Math.floor(rand() * 3);
      const fighters = oneSided ? 0 : Math.floor(rand() * 8);
      const best = civilians + fighters;
      const adm = provinces[Math.floor(rand() * provinces.length)] as string;
      rows.push({
        id: (id += 1),
        year: day.slice(0, 4),
        type_of_violence: oneSided ? 3 : 1,
        conflict_name: oneSided ? "Government of Xland - civilians" : "Xland: Government",
        side_a_new_id: 900,
        side_a: "Government of Xland",
        side_b_new_id: oneSided ? 1 : 901,
        side_b: oneSided ? "Civilians" : "Xland Liberation Front",
        where_prec: 2,
        where_coordinates: `${adm} town`,
        adm_1: `${adm} province`,
        adm_2: "",
        latitude: 1.2,
        longitude: 30.1,
        country: "Xland",
        country_id: 500,
        date_prec: 1,
        date_start: day,
        date_end: day,
        deaths_a: Math.floor(fighters / 2),
        deaths_b: fighters - Math.floor(fighters / 2),
        deaths_civilians: civilians,
        deaths_unknown: 0,
        best,
        high: best + 2,
        low: best,
      });
    }
    if (d % 30 === 0)
      rows.push({
        id: (id += 1),
        year: day.slice(0, 4),
        type_of_violence: 1,
        conflict_name: "Yland: Government",
        side_a_new_id: 910,
        side_a: "Government of Yland",
        side_b_new_id: 911,
        side_b: "Yland Rebels",
        where_prec: 4,
        where_coordinates: "border",
        adm_1: "",
        adm_2: "",
        latitude: 2,
        longitude: 31,
        country: "Yland",
        country_id: 510,
        date_prec: 1,
        date_start: day,
        date_end: day,
        deaths_a: 1,
        deaths_b: 1,
        deaths_civilians: 0,
        deaths_unknown: 0,
        best: 2,
        high: 2,
        low: 2,
      });
  }
  const file = join(dir, "ged.csv");
  writeFileSync(file, stringify(rows, { header: true, columns: COLUMNS }));
  return file;
}

describe("a real-looking event file of a country in an ongoing mass killing", () => {
  it("is ongoing for the country's civilians within 7 days of its events becoming known", async () => {
    const dir = tempDir("tocsin-ged-");
    const db = join(dir, "store.db");
    const file = gedFile(dir);
    // Without --release, each event is taken as known on 30 June of the year after it (the first release).
    const imported = await runInProcess(["import", "ucdp-ged", file, "--db", db, "--json"], { packageRoot });
    expect(imported.code, imported.stderr).toBe(0);
    const r = await runInProcess(
      ["replay", "--case", "import-ucdp-ged", "--db", db, "--step", "month", "--json"],
      {
        packageRoot,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      alerts: { date: string; situation: { id: string }; level: string; criteria?: { id: string }[] }[];
    };
    const civilians = doc.alerts.filter((a) => a.situation.id === "UGA/*");
    const ongoing = civilians.find((a) => a.level === "ongoing");
    expect(ongoing, JSON.stringify(civilians.map((a) => [a.date, a.level]))).toBeDefined();
    // 2019's events become known on 2020-06-30: more than 1,000 civilians killed in 2019.
    expect(daysBetween("2020-06-30", ongoing?.date ?? "9999-12-31")).toBeLessThanOrEqual(7);
    expect(ongoing?.criteria?.map((c) => c.id)).toContain("ongoing-civilian-deaths");
    // The quiet neighbour (battles, no civilian killed) never goes above elevated.
    const quiet = doc.alerts.filter((a) => a.situation.id.startsWith("TZA/"));
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.every((a) => a.level === "elevated" || a.level === "none")).toBe(true);
    // The provinces with enough events are situations of their own.
    expect(doc.alerts.some((a) => a.situation.id.startsWith("UGA/*/"))).toBe(true);

    // Evidence by reference: a condition counting more records than it cites says how to get the rest, and
    // `tocsin evidence` with those parameters returns every record it cites, a page at a time.
    const cited = (ongoing as unknown as Cited).criteria.flatMap((c) => c.conditions).find((d) => d.rest);
    expect(cited, "a condition of the ongoing alert with more records than it cites").toBeDefined();
    const rest = cited!.rest!;
    expect(rest.cli).toContain("--situation 'UGA/*'");
    const query = ["--case", "import-ucdp-ged", "--situation", rest.situation, "--criterion", rest.criterion];
    const window = [...(rest.from ? ["--from", rest.from] : []), "--to", rest.to];
    const found: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const e = await runInProcess(
        [
          "evidence",
          ...query,
          "--condition",
          rest.condition,
          ...window,
          "--db",
          db,
          "--json",
          "--limit",
          "250",
        ].concat(cursor ? ["--cursor", cursor] : []),
        { packageRoot },
      );
      expect(e.code, e.stderr).toBe(0);
      const page = JSON.parse(e.stdout) as {
        total: number;
        records: { record: string }[];
        nextCursor: string | null;
      };
      expect(page.total).toBeGreaterThanOrEqual(cited!.total);
      found.push(...page.records.map((r) => r.record));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(found).size).toBe(found.length);
    for (const r of cited!.records) expect(found).toContain(r.record);
    // An unknown criterion is bad usage (exit 2), named.
    const bad = await runInProcess(
      [
        "evidence",
        "--case",
        "import-ucdp-ged",
        "--situation",
        "UGA/*",
        "--criterion",
        "nope",
        "--to",
        "2020-12-31",
        "--db",
        db,
      ],
      { packageRoot },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no criterion "nope"');
  });
});

/** The part of an alert of the `--json` document the evidence query reads. */
interface Cited {
  criteria: {
    conditions: {
      total: number;
      records: { record: string }[];
      rest?: {
        situation: string;
        criterion: string;
        condition: string;
        from?: string;
        to: string;
        cli: string;
      };
    }[];
  }[];
}
