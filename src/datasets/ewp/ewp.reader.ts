/**
 * Reads and validates an EWP country-year CSV into a {@link CountryYearTable}: exact column set, plain decimal
 * numbers, 0/1 outcomes, integer years and country codes, one row per country-year, no predictor constant over the
 * whole file (constancy within one base year's training rows is checked by the forecast core). Returns a report
 * listing every problem (line, column) instead of throwing, plus the file's SHA-256 for provenance.
 * @module
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { CountryYearTable } from "../../forecast/data/country-year.js";
import { EWP_COLUMNS, EWP_OUTCOME_COLUMNS, EWP_PREDICTORS } from "./ewp.columns.js";

/** One problem found in the file; `line` is the 1-based line in the file (the header is line 1). */
export interface EwpProblem {
  readonly line?: number;
  readonly column?: string;
  readonly message: string;
}

/** The outcome of reading: a table, or every problem found. */
export type EwpReadResult =
  | { readonly ok: true; readonly table: CountryYearTable; readonly sha256: string; readonly path: string }
  | { readonly ok: false; readonly problems: readonly EwpProblem[]; readonly path: string };

const MAX_PROBLEMS = 50;

/**
 * Read and validate the CSV at `path`.
 * @example const r = await readEwpCsv("../shared/data/ewp/prepared2024predictors-2025-09-03_upto2015.csv"); if (r.ok) r.table.n
 */
export async function readEwpCsv(path: string): Promise<EwpReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    return { ok: false, path, problems: [{ message: `cannot read ${path} (${code})` }] };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const parsed = parseEwpText(bytes.toString("utf8"));
  return parsed.ok
    ? { ok: true, table: parsed.table, sha256, path }
    : { ok: false, problems: parsed.problems, path };
}

/**
 * Validate CSV text (pure apart from parsing; used by {@link readEwpCsv} and by tests).
 * @example parseEwpText("ewp_name,ccode\n").ok // false: columns are missing
 */
export function parseEwpText(
  text: string,
):
  | { readonly ok: true; readonly table: CountryYearTable }
  | { readonly ok: false; readonly problems: readonly EwpProblem[] } {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (e) {
    return { ok: false, problems: [{ message: `not a valid CSV: ${(e as Error).message}` }] };
  }
  const header = records[0];
  if (!header) return { ok: false, problems: [{ message: "the file is empty: expected a header row" }] };
  const problems: EwpProblem[] = [];
  const missing = EWP_COLUMNS.filter((c) => !header.includes(c));
  for (const c of missing) problems.push({ line: 1, column: c, message: `missing column ${c}` });
  header.forEach((c, i) => {
    // An empty name (e.g. a trailing comma) has nothing to name: give its 1-based position instead.
    if (c.trim() === "") problems.push({ line: 1, message: `empty column name at position ${i + 1}` });
    else if (!EWP_COLUMNS.includes(c))
      problems.push({ line: 1, column: c, message: `unexpected column ${c}` });
  });
  const dup = header.filter((c, i) => c.trim() !== "" && header.indexOf(c) !== i);
  for (const c of dup) problems.push({ line: 1, column: c, message: `duplicate column ${c}` });
  if (problems.length > 0) return { ok: false, problems };
  const n = records.length - 1;
  if (n === 0) return { ok: false, problems: [{ line: 2, message: "the file has a header but no rows" }] };
  const col = (name: string): number => header.indexOf(name);
  const p = EWP_PREDICTORS.length;
  const x = new Float64Array(n * p);
  const ccode = new Int32Array(n);
  const year = new Int32Array(n);
  const country: string[] = [];
  const outcomes: Record<string, Float64Array> = {};
  for (const o of EWP_OUTCOME_COLUMNS) outcomes[o] = new Float64Array(n);
  const seen = new Map<string, number>();
  const note = (pr: EwpProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(pr);
  };
  for (let i = 0; i < n; i++) {
    const rec = records[i + 1]!;
    const line = i + 2;
    if (rec.length !== header.length) {
      note({ line, message: `expected ${header.length} fields, found ${rec.length}` });
      continue;
    }
    country.push(rec[col("ewp_name")]!);
    let idsOk = true;
    for (const [name, into] of [
      ["ccode", ccode],
      ["year", year],
    ] as const) {
      const raw = rec[col(name)]!;
      const v = parseDecimal(raw.trim());
      if (Number.isInteger(v)) into[i] = v;
      else {
        idsOk = false;
        note({ line, column: name, message: `${name} must be an integer, found "${raw}"` });
      }
    }
    for (let j = 0; j < p; j++) {
      const name = EWP_PREDICTORS[j]!;
      const raw = rec[col(name)]!.trim();
      if (isMissing(raw)) {
        x[j * n + i] = NaN;
        continue;
      }
      const v = parseDecimal(raw);
      if (!Number.isFinite(v)) note({ line, column: name, message: `${name} is not a number: "${raw}"` });
      x[j * n + i] = v;
    }
    for (const o of EWP_OUTCOME_COLUMNS) {
      const raw = rec[col(o)]!.trim();
      if (isMissing(raw)) outcomes[o]![i] = NaN;
      else if (raw === "0" || raw === "1") outcomes[o]![i] = Number(raw);
      else note({ line, column: o, message: `${o} must be 0, 1 or empty, found "${raw}"` });
    }
    // One row per country-year: a second one would be trained on (or scored) twice.
    if (idsOk) {
      const key = `${ccode[i]}/${year[i]}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, line);
      else
        note({
          line,
          message: `duplicate country-year: ccode ${ccode[i]}, year ${year[i]} is on lines ${first} and ${line}`,
        });
    }
  }
  if (problems.length === 0) {
    for (let j = 0; j < p; j++) {
      let first = NaN;
      let constant = true;
      for (let i = 0; i < n && constant; i++) {
        const v = x[j * n + i]!;
        if (Number.isNaN(v)) continue;
        if (Number.isNaN(first)) first = v;
        else if (v !== first) constant = false;
      }
      if (constant)
        note({
          column: EWP_PREDICTORS[j]!,
          message: `predictor ${EWP_PREDICTORS[j]} is constant (or empty) in every row`,
        });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, table: { n, country, ccode, year, predictors: [...EWP_PREDICTORS], x, outcomes } };
}

/** Plain decimal numbers with an optional exponent: no hex (`0x10`), octal, binary, `Infinity` or padding. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a decimal number, or NaN for anything else (`Number()` alone would accept `0x10` as 16). */
function parseDecimal(raw: string): number {
  return DECIMAL.test(raw) ? Number(raw) : NaN;
}

/** Missing values: empty fields (the EWP file's spelling) or R's `NA`. */
function isMissing(raw: string): boolean {
  return raw === "" || raw === "NA";
}

/** One line per problem, for CLI messages: `line 12, column gdppcgrowth: …`. */
export function formatEwpProblem(pr: EwpProblem): string {
  const where = [
    pr.line !== undefined ? `line ${pr.line}` : "",
    pr.column !== undefined ? `column ${pr.column}` : "",
  ]
    .filter((s) => s !== "")
    .join(", ");
  return where === "" ? pr.message : `${where}: ${pr.message}`;
}
