// Loads the R glmnet reference fixtures (test/fixtures/glmnet) and the data they were fitted on.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readEwpCsv } from "../../src/datasets/ewp/ewp.reader.js";
import { columnMajor, pick, splitRows } from "../../src/forecast/data/training-rows.js";
import { sharedPath } from "../support/shared-data.js";

const dir = fileURLToPath(new URL("../fixtures/glmnet/", import.meta.url));
/** The EWP file, read in place in ../shared (never copied into the repo: its terms are unspecified). */
export const EWP_CSV = sharedPath("data/ewp/prepared2024predictors-2025-09-03_upto2015.csv");

/** What make-fixtures.R writes. */
export interface GlmnetFixture {
  readonly name: string;
  readonly n: number;
  readonly p: number;
  readonly alpha: number;
  /** lambda.min.ratio when the fixture sets it (otherwise R's default). */
  readonly lambdaMinRatio?: number;
  readonly lambda: number[];
  readonly a0: number[];
  readonly beta: number[];
  readonly devRatio: number[];
  readonly npasses: number;
  readonly a0Given: number[];
  readonly betaGiven: number[];
  readonly npassesGiven: number;
  readonly foldid: number[];
  readonly cvLambda: number[];
  readonly cvm: number[];
  readonly cvsd: number[];
  readonly lambdaMin: number;
  readonly lambda1se: number;
}

export function loadFixture(name: string): GlmnetFixture {
  return JSON.parse(readFileSync(`${dir}${name}.json`, "utf8")) as GlmnetFixture;
}

/** A committed synthetic dataset: all columns but the last (`y`) are predictors. Column-major x. */
export function loadSynthetic(name: string): { x: Float64Array; y: Float64Array; n: number; p: number } {
  const lines = readFileSync(`${dir}${name}.csv`, "utf8").trim().split("\n").slice(1);
  const rows = lines.map((l) => l.split(",").map(Number));
  const n = rows.length;
  const p = rows[0]!.length - 1;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  rows.forEach((r, i) => {
    for (let j = 0; j < p; j++) x[j * n + i] = r[j]!;
    y[i] = r[p]!;
  });
  return { x, y, n, p };
}

/** The EWP training set for a base year, as make-fixtures.R builds it. */
export async function loadEwpTraining(
  baseYear: number,
  horizon: 1 | 2,
): Promise<{ x: Float64Array; y: Float64Array; n: number; p: number }> {
  const r = await readEwpCsv(EWP_CSV);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("; "));
  const split = splitRows(r.table, baseYear, horizon);
  const n = split.train.length;
  return {
    x: columnMajor(r.table, split.train),
    y: pick(r.table.outcomes[split.target]!, split.train),
    n,
    p: r.table.predictors.length,
  };
}
