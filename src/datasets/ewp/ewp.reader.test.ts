import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { syntheticEwpCsv } from "../../../test/forecast/synthetic-ewp.js";
import { EWP_COLUMNS, EWP_PREDICTORS } from "./ewp.columns.js";
import { formatEwpProblem, parseEwpText, readEwpCsv } from "./ewp.reader.js";

const dir = mkdtempSync(join(tmpdir(), "tocsin-ewp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-row file with every column set to `v`, then overrides. */
function oneRow(overrides: Record<string, string> = {}, columns: readonly string[] = EWP_COLUMNS): string {
  const row = columns.map((c) => overrides[c] ?? (c === "ewp_name" ? "A" : c === "year" ? "2000" : "1"));
  return `${columns.join(",")}\n${row.join(",")}\n`;
}

describe("parseEwpText", () => {
  it("reads a valid synthetic file: identifiers, predictors column-major, blank outcomes as NaN", () => {
    const r = parseEwpText(syntheticEwpCsv({ countries: 3, from: 1987, to: 1990 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.n).toBe(12);
    expect(r.table.predictors).toHaveLength(39);
    expect(Array.from(r.table.year.slice(0, 5))).toEqual([1987, 1988, 1989, 1990, 1987]);
    expect(Array.from(r.table.ccode.slice(3, 5))).toEqual([100, 101]);
    const j = EWP_PREDICTORS.indexOf("year_sq");
    expect(r.table.x[j * 12 + 1]).toBe(1988 * 1988);
    expect(Number.isNaN(r.table.outcomes.mk_onset_1or2![3]!)).toBe(true);
    expect(Number.isNaN(r.table.outcomes.mk_onset_1or2![2]!)).toBe(true);
    expect(Number.isNaN(r.table.outcomes.mk_onset_1or2![1]!)).toBe(false);
  });

  it("names missing and unexpected columns", () => {
    const cols = EWP_COLUMNS.filter((c) => c !== "gdppcgrowth").concat("colour");
    const r = parseEwpText(oneRow({}, cols));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatEwpProblem)).toEqual([
      "line 1, column gdppcgrowth: missing column gdppcgrowth",
      "line 1, column colour: unexpected column colour",
    ]);
  });

  it("names the line and column of a non-numeric value and of a bad outcome", () => {
    const r = parseEwpText(oneRow({ efindex: "high", mk_onset_1: "2" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatEwpProblem)).toEqual([
      'line 2, column efindex: efindex is not a number: "high"',
      'line 2, column mk_onset_1: mk_onset_1 must be 0, 1 or empty, found "2"',
    ]);
  });

  it("accepts only plain decimal numbers: no hex, octal or binary literals, exponents allowed", () => {
    const r = parseEwpText(oneRow({ efindex: "0x10", gdppcgrowth: "0o7", discrimpop: "0b1", ccode: "0x1F" }));
    expect(r.ok ? [] : r.problems.map(formatEwpProblem)).toEqual([
      'line 2, column ccode: ccode must be an integer, found "0x1F"',
      'line 2, column gdppcgrowth: gdppcgrowth is not a number: "0o7"',
      'line 2, column efindex: efindex is not a number: "0x10"',
      'line 2, column discrimpop: discrimpop is not a number: "0b1"',
    ]);
    const csv = syntheticEwpCsv({ countries: 3, from: 1987, to: 1990 }).split("\n");
    const header = csv[0]!.split(",");
    const row = csv[1]!.split(",");
    row[header.indexOf("efindex")] = "2.5e-1";
    row[header.indexOf("gdppcgrowth")] = "-.5E+1";
    row[header.indexOf("popsize.log2")] = "NA";
    const ok = parseEwpText([csv[0], row.join(","), ...csv.slice(2)].join("\n"));
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const at = (c: string): number => ok.table.x[EWP_PREDICTORS.indexOf(c as never) * ok.table.n]!;
    expect(at("efindex")).toBe(0.25);
    expect(at("gdppcgrowth")).toBe(-5);
    expect(at("popsize.log2")).toBeNaN();
  });

  it("names an empty column name (a trailing comma) by its position", () => {
    const text = oneRow().replace("\n", ",\n").replace(/\n$/, ",\n");
    const r = parseEwpText(text);
    expect(r.ok ? [] : r.problems.map(formatEwpProblem)).toEqual([
      `line 1: empty column name at position ${EWP_COLUMNS.length + 1}`,
    ]);
  });

  it("rejects a second row for the same country-year, naming both lines", () => {
    const csv = syntheticEwpCsv({ countries: 3, from: 1987, to: 1990 }).trimEnd().split("\n");
    const r = parseEwpText([...csv, csv[2]].join("\n"));
    expect(r.ok ? [] : r.problems.map(formatEwpProblem)).toEqual([
      `line ${csv.length + 1}: duplicate country-year: ccode 100, year 1988 is on lines 3 and ${csv.length + 1}`,
    ]);
  });

  it("rejects a predictor that is constant in every row", () => {
    const one = parseEwpText(oneRow());
    expect(one.ok).toBe(false);
    if (one.ok) return;
    expect(one.problems.map(formatEwpProblem)).toContain(
      "column reg.na: predictor reg.na is constant (or empty) in every row",
    );
  });

  it("rejects empty input and a header without rows", () => {
    const empty = parseEwpText("");
    expect(empty.ok).toBe(false);
    const header = parseEwpText(`${EWP_COLUMNS.join(",")}\n`);
    expect(header.ok ? [] : header.problems.map(formatEwpProblem)).toEqual([
      "line 2: the file has a header but no rows",
    ]);
  });

  it("never throws and never yields NaN where a number was given (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant("x"), fc.constant("")),
          { minLength: 39, maxLength: 39 },
        ),
        (vals) => {
          const over: Record<string, string> = {};
          EWP_PREDICTORS.forEach((c, j) => {
            if (c !== "year") over[c] = String(vals[j]);
          });
          const r = parseEwpText(oneRow(over));
          if (r.ok) {
            EWP_PREDICTORS.forEach((c, j) => {
              if (over[c] !== undefined && over[c] !== "") expect(r.table.x[j]).toBe(Number(over[c]));
            });
          } else expect(r.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("readEwpCsv", () => {
  it("hashes the file with SHA-256", async () => {
    const path = join(dir, "ok.csv");
    writeFileSync(path, syntheticEwpCsv({ countries: 3, from: 1987, to: 1990 }));
    const r = await readEwpCsv(path);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it("reports a missing file", async () => {
    const r = await readEwpCsv(join(dir, "nope.csv"));
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual([
      `cannot read ${join(dir, "nope.csv")} (ENOENT)`,
    ]);
  });
});
