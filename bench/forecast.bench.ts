// Benchmark (not a test): the full rolling EWP backtest, base years 1993–2015, two-year horizon, EWP's elastic net
// fitted by Tocsin and by R's cv.glmnet on the same rows and fold ids in the same run. Prints the time ratio
// ours/R and both pooled AUCs (base years with known outcomes). Both sides report CPU time (user + system: Node's
// process.cpuUsage, R's proc.time) and wall time; on the shared machine the CPU-time ratio is the steadier one.
// Run: npx tsx bench/forecast.bench.ts [--reps N] [--warmup] (--warmup: one untimed fit first, so V8's JIT
// compilation is not charged to the first base year; R's compiled glmnet needs none).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readEwpCsv } from "../src/datasets/ewp/ewp.reader.js";
import { auc } from "../src/forecast/metrics/auc.js";
import { elasticNetModel } from "../src/forecast/models/elastic-net.model.js";
import { prepareYear } from "../src/forecast/runs/prepare-year.js";
import { foldIds } from "../src/forecast/stats/random.js";

const CSV = fileURLToPath(
  new URL("../../shared/data/ewp/prepared2024predictors-2025-09-03_upto2015.csv", import.meta.url),
);
const R_SCRIPT = fileURLToPath(new URL("./forecast-glmnet.R", import.meta.url));
const FROM = 1993;
const TO = 2015;
const reps = Number(process.argv[process.argv.indexOf("--reps") + 1] ?? 1) || 1;
const warmup = process.argv.includes("--warmup");

// The EWP file is not in the repository (it lives in ../shared beside a checkout, or comes from
// `tocsin data fetch ewp`): without it, or without R, the benchmark says what it needs and does nothing.
if (!existsSync(CSV)) {
  console.log(`bench/forecast: skipped: the EWP country-year file is absent (${CSV}).`);
  console.log(
    "  Fetch one with `tocsin data fetch ewp --out DIR` and place it there, or run beside ../shared.",
  );
  process.exit(0);
}
if (spawnSync("Rscript", ["--version"]).status !== 0) {
  console.log("bench/forecast: skipped: Rscript is not installed (the baseline is R's cv.glmnet).");
  process.exit(0);
}

const read = await readEwpCsv(CSV);
if (!read.ok) throw new Error(read.problems.map((p) => p.message).join("\n"));
const table = read.table;
const years = Array.from({ length: TO - FROM + 1 }, (_, k) => FROM + k);
const prepared = years.map((y) => prepareYear(table, y, 2));
const dir = mkdtempSync(join(tmpdir(), "tocsin-bench-"));

interface RYear {
  readonly baseYear: number;
  /** Wall seconds. */
  readonly seconds: number;
  /** CPU seconds (user + system). */
  readonly cpu: number;
  readonly lambdaMin: number;
  readonly p: number[];
}

// One base year on our side: cv fit (11 paths) and scoring, timed.
function oursYear(k: number): { seconds: number; cpu: number; p: Float64Array; lambdaMin: number } {
  const pr = prepared[k]!;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const params = elasticNetModel.fit(pr.train, { seed: pr.baseYear });
  const p = elasticNetModel.score(params, pr.scoreX, pr.scoreRows.length);
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, cpu: (c.user + c.system) / 1e6, p, lambdaMin: params.lambda };
}

// One base year in R (its own timer around cv.glmnet + predict; R start-up and data loading are not counted).
function rYear(k: number): { run: RYear; glmnet: string } {
  const pr = prepared[k]!;
  const foldsFile = join(dir, `folds-${pr.baseYear}.txt`);
  writeFileSync(foldsFile, [pr.baseYear, ...foldIds(pr.train.n, 10, pr.baseYear)].join(","));
  const out = join(dir, `r-${pr.baseYear}.json`);
  const r = spawnSync("Rscript", [R_SCRIPT, CSV, foldsFile, out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
  const doc = JSON.parse(readFileSync(out, "utf8")) as { glmnet: string; years: RYear[] };
  return { run: doc.years[0]!, glmnet: doc.glmnet };
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

console.log(
  `EWP rolling backtest ${FROM}–${TO}, horizon 2, ${prepared.length} cv fits of 11 paths each; reps ${reps}`,
);
console.log(
  "Each base year runs on both sides back to back (alternating which goes first) so machine load hits both alike.",
);
if (warmup) oursYear(prepared.length - 1);
for (let rep = 1; rep <= reps; rep++) {
  let oursSeconds = 0;
  let rSeconds = 0;
  let oursCpu = 0;
  let rCpu = 0;
  let glmnet = "";
  const oursP: Float64Array[] = [];
  const rP: number[][] = [];
  let maxDp = 0;
  let sameLambda = 0;
  prepared.forEach((_, k) => {
    const first = k % 2 === 0;
    const a = first ? oursYear(k) : null;
    const r = rYear(k);
    const o = a ?? oursYear(k);
    oursSeconds += o.seconds;
    rSeconds += r.run.seconds;
    oursCpu += o.cpu;
    rCpu += r.run.cpu;
    glmnet = r.glmnet;
    oursP.push(o.p);
    rP.push(r.run.p);
    if (Math.abs(r.run.lambdaMin - o.lambdaMin) <= 1e-9 * r.run.lambdaMin) sameLambda++;
    o.p.forEach((v, t) => (maxDp = Math.max(maxDp, Math.abs(v - r.run.p[t]!))));
  });
  console.log(
    [
      `rep ${rep}${warmup ? " (after an untimed warm-up fit)" : ""}: glmnet ${glmnet}`,
      `  CPU:  tocsin ${oursCpu.toFixed(2)} s, R cv.glmnet ${rCpu.toFixed(2)} s, ratio tocsin/R = ${(oursCpu / rCpu).toFixed(3)}`,
      `  wall: tocsin ${oursSeconds.toFixed(2)} s, R cv.glmnet ${rSeconds.toFixed(2)} s, ratio tocsin/R = ${(oursSeconds / rSeconds).toFixed(3)}`,
      `  pooled AUC ${FROM}–2013: tocsin ${pooledAuc(oursP)?.toFixed(4)}, R ${pooledAuc(rP)?.toFixed(4)}`,
      `  same lambda.min in ${sameLambda}/${prepared.length} years; max |p_tocsin − p_R| = ${maxDp.toExponential(2)}`,
    ].join("\n"),
  );
}
rmSync(dir, { recursive: true, force: true });
