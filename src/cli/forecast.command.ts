/**
 * `tocsin forecast --data CSV --base-year Y [--horizon 1|2] [--model NAME] [--json | --out FILE]`: country-year
 * probabilities of a mass-killing onset, ranked, with the change since the previous base year and top drivers.
 * The run (params, data hash, model version and a payload richer than `--json`: previous probabilities and ranks,
 * changes and big movers) is stored in `--db` unless `--no-store`.
 * @module
 */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { DEFAULT_MODEL, MODELS } from "../forecast/models/registry.js";
import { type ForecastResult, runForecast } from "../forecast/runs/forecast.js";
import { saveForecastRun } from "../storage/index.js";
import { registerBacktestCommand } from "./backtest.command.js";
import { forecastRunOf } from "./forecast-run.js";
import { guard, loadTable, parseHorizon, parseModel, parseYear } from "./forecast-options.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

interface ForecastOptions {
  data?: string;
  baseYear?: string;
  horizon: string;
  model: string;
  json?: boolean;
  out?: string;
  db?: string;
  store: boolean;
}

/** The `--json` document (exactly the shape issue 5 specifies). */
export function forecastJson(r: ForecastResult): unknown {
  return {
    baseYear: r.baseYear,
    horizon: r.horizon,
    model: r.model,
    train: r.train,
    forecasts: r.forecasts.map((f) => ({
      ccode: f.ccode,
      country: f.country,
      p: f.p,
      rank: f.rank,
      drivers: f.drivers,
    })),
  };
}

/** Register `forecast` and `backtest`. */
export function registerForecastCommands(program: Command, ctx: CliContext): void {
  registerForecastCommand(program, ctx);
  registerBacktestCommand(program, ctx);
}

/** Register `forecast`. */
export function registerForecastCommand(program: Command, ctx: CliContext): void {
  program
    .command("forecast")
    .description(
      "ranked probabilities of a mass-killing onset for each country in a base year, with top drivers",
    )
    .option("--data <csv>", "EWP-format country-year CSV")
    .option("--base-year <year>", "the year whose rows are scored (training uses years <= base-year - 2)")
    .option("--horizon <years>", "1 (onset next year) or 2 (onset within two years)", "2")
    .option("--model <name>", `one of ${Object.keys(MODELS).join(", ")}`, DEFAULT_MODEL)
    .option("--json", "print one JSON document")
    .option("--out <file>", "write the JSON document to a file")
    .option("--db <path>", "store the run here (default: TOCSIN_DB or ./tocsin.db)")
    .option("--no-store", "do not store the run")
    .action(async (opts: ForecastOptions) => {
      if (opts.json && opts.out !== undefined) throw usageError("give either --json or --out, not both");
      const baseYear = parseYear("--base-year", opts.baseYear);
      const horizon = parseHorizon(opts.horizon);
      const model = parseModel(opts.model);
      const data = await loadTable(opts.data);
      const result = guard(() => runForecast(data.table, model, { baseYear, horizon }));
      for (const notice of result.notices) ctx.io.err(`note: ${notice}\n`);
      const doc = forecastJson(result);
      if (opts.store) {
        await withStore(
          opts.db ?? ctx.defaultDb,
          (store) =>
            saveForecastRun(store, forecastRunOf(result, model, data.sha256, new Date().toISOString())),
          { signPending: true },
        );
      }
      if (opts.out !== undefined) {
        await writeFile(opts.out, `${JSON.stringify(doc, null, 2)}\n`);
        ctx.io.err(`wrote ${opts.out}\n`);
      }
      if (opts.json) printJson(ctx.io, doc);
      else ctx.io.out(formatForecast(result));
    });
}

/** The human table: rank, country, probability, change, top drivers; then the big movers. */
export function formatForecast(r: ForecastResult): string {
  const pct = (p: number): string => `${(100 * p).toFixed(1)}%`;
  const chg = (c: number | null): string =>
    c === null ? "—" : `${c >= 0 ? "+" : "−"}${(100 * Math.abs(c)).toFixed(1)}`;
  const drv = (f: ForecastResult["forecasts"][number]): string =>
    f.drivers
      .map((d) => `${d.predictor} ${d.contribution >= 0 ? "+" : "−"}${Math.abs(d.contribution).toFixed(2)}`)
      .join(", ");
  const window = r.horizon === 1 ? `${r.baseYear + 1}` : `${r.baseYear + 1}–${r.baseYear + 2}`;
  const lines = [
    `Risk of a new mass killing starting in ${window} (base year ${r.baseYear}), model ${r.model} ${r.modelVersion}`,
    `trained on ${r.train.rows} country-years ${r.train.fromYear}–${r.train.toYear} with ${r.train.positives} onset windows`,
    "",
    `${"rank".padStart(4)}  ${"country".padEnd(32)} ${"p".padStart(6)}  ${"change".padStart(6)}  top drivers (log-odds)`,
  ];
  for (const f of r.forecasts) {
    lines.push(
      `${String(f.rank).padStart(4)}  ${f.country.slice(0, 32).padEnd(32)} ${pct(f.p).padStart(6)}  ${chg(f.change).padStart(6)}  ${drv(f)}`,
    );
  }
  if (r.movers.length > 0) {
    lines.push("", `Big movers since base year ${r.baseYear - 1} (percentage points):`);
    for (const f of r.movers)
      lines.push(
        `  ${f.country.slice(0, 32).padEnd(32)} ${chg(f.change).padStart(6)}  now ${pct(f.p)}, rank ${f.rank}`,
      );
  }
  return `${lines.join("\n")}\n`;
}

export { guard, loadTable, parseHorizon, parseModel, parseYear } from "./forecast-options.js";
