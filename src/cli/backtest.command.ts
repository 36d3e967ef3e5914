/**
 * `tocsin backtest --data CSV --from Y1 --to Y2 [--horizon 1|2] [--model NAME] [--json]`: rolling-origin evaluation
 * (fit by EWP's rule for each base year, score that year only) with AUC, Brier, Brier skill and onsets in the top 30
 * per year and pooled with a DeLong 95% interval. The run is stored in `--db` unless `--no-store`.
 * @module
 */
import type { Command } from "commander";
import { DEFAULT_MODEL, MODELS } from "../forecast/models/registry.js";
import { type BacktestReport, rollingBacktest } from "../forecast/runs/backtest.js";
import { saveForecastRun } from "../storage/index.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { guard, loadTable, parseHorizon, parseModel, parseYear } from "./forecast-options.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

interface BacktestOptions {
  data?: string;
  from?: string;
  to?: string;
  horizon: string;
  model: string;
  json?: boolean;
  db?: string;
  store: boolean;
}

/** The `--json` document (exactly the shape issue 5 specifies). */
export function backtestJson(r: BacktestReport): unknown {
  return {
    model: r.model,
    horizon: r.horizon,
    years: r.years.map((y) => ({
      baseYear: y.baseYear,
      n: y.n,
      onsets: y.onsets,
      auc: y.auc,
      brier: y.brier,
      top30: y.top30,
    })),
    pooled: r.pooled,
  };
}

/** Register `backtest`. */
export function registerBacktestCommand(program: Command, ctx: CliContext): void {
  program
    .command("backtest")
    .description("rolling-origin evaluation of a forecasting model over a range of base years")
    .option("--data <csv>", "EWP-format country-year CSV")
    .option("--from <year>", "first base year")
    .option("--to <year>", "last base year")
    .option("--horizon <years>", "1 or 2", "2")
    .option("--model <name>", `one of ${Object.keys(MODELS).join(", ")}`, DEFAULT_MODEL)
    .option("--json", "print one JSON document")
    .option("--db <path>", "store the run here (default: TOCSIN_DB or ./tocsin.db)")
    .option("--no-store", "do not store the run")
    .action(async (opts: BacktestOptions) => {
      const from = parseYear("--from", opts.from);
      const to = parseYear("--to", opts.to);
      if (to < from) throw usageError(`--to ${to} is before --from ${from}`);
      const horizon = parseHorizon(opts.horizon);
      const model = parseModel(opts.model);
      const data = await loadTable(opts.data);
      const report = guard(() =>
        rollingBacktest(data.table, model, {
          from,
          to,
          horizon,
          onYear: (y) => ctx.io.err(`base year ${y.baseYear}: ${y.n} rows, ${y.onsets} onsets\n`),
        }),
      );
      for (const notice of report.notices) ctx.io.err(`note: ${notice}\n`);
      const doc = backtestJson(report);
      if (opts.store) {
        await withStore(
          opts.db ?? ctx.defaultDb,
          (store) =>
            saveForecastRun(store, {
              id: `backtest-${from}-${to}-h${horizon}-${model.name}-${model.version}-${data.sha256.slice(0, 12)}`,
              kind: "backtest",
              dataSha256: data.sha256,
              model: model.name,
              modelVersion: model.version,
              params: { from, to, horizon, seedRule: "base year" },
              payload: doc,
              createdAt: new Date().toISOString(),
            }),
          { signPending: true },
        );
      }
      if (opts.json) printJson(ctx.io, doc);
      else ctx.io.out(formatBacktest(report));
    });
}

/** The human table. */
export function formatBacktest(r: BacktestReport): string {
  const f = (v: number | null, d: number): string => (v === null ? "—" : v.toFixed(d));
  const lines = [
    `Rolling-origin backtest of ${r.model} ${r.modelVersion}, horizon ${r.horizon} year(s)`,
    "",
    `${"base".padStart(4)}  ${"n".padStart(4)}  ${"onsets".padStart(6)}  ${"AUC".padStart(5)}  ${"Brier".padStart(7)}  ${"skill".padStart(6)}  top30`,
  ];
  for (const y of r.years) {
    lines.push(
      `${y.baseYear}  ${String(y.n).padStart(4)}  ${String(y.onsets).padStart(6)}  ${f(y.auc, 3).padStart(5)}  ${f(y.brier, 5).padStart(7)}  ${f(y.brierSkill, 3).padStart(6)}  ${String(y.top30).padStart(5)}`,
    );
  }
  const p = r.pooled;
  lines.push(
    "",
    `pooled: n ${p.n}, onsets ${p.onsets}, AUC ${f(p.auc, 3)} (95% DeLong ${f(p.aucLow, 3)}–${f(p.aucHigh, 3)}), ` +
      `Brier ${f(p.brier, 5)}, Brier skill vs training base rate ${f(p.brierSkill, 3)}, onsets in top 30: ${p.top30} of ${p.onsets}`,
  );
  return `${lines.join("\n")}\n`;
}
