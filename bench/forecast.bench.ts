// Benchmark (not a test): the full rolling EWP backtest, base years 1993–2015, two-year horizon, EWP's elastic net
// fitted by Tocsin and by R's cv.glmnet on the same rows and fold ids in the same run. Prints the time ratio
// ours/R and both pooled AUCs (base years with known outcomes). Run: npx tsx bench/forecast.bench.ts [--reps N]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readEwpCsv } from "../src/datasets/ewp/ewp.reader.js";
import { auc } from "../src/forecast/metrics/auc.js";
import { elasticNetModel } from "../src/forecast/models/elastic-net.model.js";
import { prepareYear } from "../src/forecast/runs/prepare-year.js";
import { foldIds } from "../src/forecast/stats/random.js";

const CSV = fileURLToPath(new URL("../../shared/data/ewp/prepared2024predictors-2025-09-03_upto2015.csv", import.meta.url));
const R_SCRIPT = fileURLToPath(new URL("./forecast-glmnet.R", import.meta.url));
const FROM = 1993;
const TO = 2015;
const reps = Number(process.argv[process.argv.indexOf("--reps") + 1] ?? 1) || 1;

const read = await readEwpCsv(CSV);
if (!read.ok) throw new Error(read.problems.map((p) => p.message).join("\n"));
const table = read.table;
const years = Array.from({ length: TO - FROM + 1 }, (_, k) => FROM + k);
const prepared = years.map((y) => prepareYear(table, y, 2));
const dir = mkdtempSync(join(tmpdir(), "tocsin-bench-"));
const foldsFile = join(dir, "folds.txt");
writeFileSync(foldsFile, prepared.map((pr) => [pr.baseYear, ...foldIds(pr.train.n, 10, pr.baseYear)].join(",")).join("\n"));

interface RRun {
  readonly seconds: number;
  readonly years: { baseYear: number; seconds: number; lambdaMin: number; p: number[] }[];
}

function runOurs(): { seconds: number; p: Float64Array[]; lambdaMin: number[] } {
  const t0 = performance.now();
  const p: Float64Array[] = [];
  const lambdaMin: number[] = [];
  for (const pr of prepared) {
    const params = elasticNetModel.fit(pr.train, { seed: pr.baseYear });
    p.push(elasticNetModel.score(params, pr.scoreX, pr.scoreRows.length));
    lambdaMin.push(params.lambda);
  }
  return { seconds: (performance.now() - t0) / 1000, p, lambdaMin };
}

function runR(): { run: RRun; wall: number } {
  const out = join(dir, "r.json");
  const t0 = performance.now();
  const r = spawnSync("Rscript", [R_SCRIPT, CSV, foldsFile, out], { encoding: "utf8" });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
  return { run: JSON.parse(readFileSync(out, "utf8")) as RRun, wall };
}

function pooledAuc(ps: readonly (Float64Array | number[])[]): number | null {
  const p: number[] = [];
  const y: number[] = [];
  prepared.forEach((pr, k) => {
    pr.scoreY.forEach((v, t) => {
      if (!Number.isNaN(v)) {
        p.push(ps[k]![t]!);
        y.push(v);
      }
    });
  });
  return auc(Float64Array.from(p), Float64Array.from(y));
}

console.log(`EWP rolling backtest ${FROM}–${TO}, horizon 2, ${prepared.length} cv fits of 11 paths each; reps ${reps}`);
for (let rep = 1; rep <= reps; rep++) {
  const ours = runOurs();
  const r = runR();
  let maxDp = 0;
  let sameLambda = 0;
  prepared.forEach((_, k) => {
    const ry = r.run.years[k]!;
    if (Math.abs(ry.lambdaMin - ours.lambdaMin[k]!) <= 1e-9 * ry.lambdaMin) sameLambda++;
    ours.p[k]!.forEach((v, t) => (maxDp = Math.max(maxDp, Math.abs(v - ry.p[t]!))));
  });
  console.log(
    [
      `rep ${rep}: tocsin ${ours.seconds.toFixed(2)} s, R cv.glmnet ${r.run.seconds.toFixed(2)} s (Rscript wall ${r.wall.toFixed(2)} s, glmnet ${r.run.glmnet})`,
      `  ratio tocsin/R = ${(ours.seconds / r.run.seconds).toFixed(3)}`,
      `  pooled AUC ${FROM}–2013: tocsin ${pooledAuc(ours.p)?.toFixed(4)}, R ${pooledAuc(r.run.years.map((y) => y.p))?.toFixed(4)}`,
      `  same lambda.min in ${sameLambda}/${prepared.length} years; max |p_tocsin − p_R| = ${maxDp.toExponential(2)}`,
    ].join("\n"),
  );
}
rmSync(dir, { recursive: true, force: true });
