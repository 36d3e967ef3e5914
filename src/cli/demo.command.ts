/**
 * `tocsin demo` (what `npm start` runs): create or migrate the store, load the built-in case, replay the
 * early-warning engine through it, compute the scorecard, print the summary, then serve the dashboard. With
 * `--ewp FILE` it also forecasts from an EWP country-year file and stores the run (the Country risk page).
 * @module
 */
import path from "node:path";
import type { Command } from "commander";
import { analyseCase } from "../analysis/index.js";
import { loadCase, redactLocation } from "../storage/index.js";
import { caseDirFrom, readValidCase } from "./case-source.js";
import type { CliContext } from "./context.js";
import { formatDemoForecast, storeDemoForecast } from "./demo-forecast.js";
import { demoSummary, formatDemoSummary } from "./demo-summary.js";
import { loadTable } from "./forecast-options.js";
import { printJson } from "./io.js";
import { storeReplayAlerts } from "./replay.command.js";
import { validLexicon, validRulebook } from "./package-rules.js";
import { startServer, untilSignal } from "./serve.command.js";
import { usageError } from "./cli-error.js";
import { httpSecurityFor, withStore } from "./with-store.js";

interface DemoOptions {
  db?: string;
  port?: string;
  serve: boolean;
  json?: boolean;
  case: string;
  ewp?: string;
}

/** The built-in case the demo loads unless told otherwise. */
export const DEMO_CASE = "rwanda-1990-1994";

/** Register `demo`. */
export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command("demo")
    .description(
      "load the built-in case, run the engine and analyses, print a summary, then serve the dashboard",
    )
    .option("--db <path>", "SQLite file or postgres:// URL (default: TOCSIN_DB or ./tocsin.db)")
    .option("--port <n>", "port for the dashboard (default: PORT or 8787)")
    .option("--no-serve", "stop after the summary")
    .option("--json", "print the summary as one JSON document on stdout")
    .option("--case <id>", "the built-in case to load", DEMO_CASE)
    .option(
      "--ewp <csv>",
      "also forecast from this EWP country-year file (see tocsin data fetch ewp) and store the run",
    )
    .action(async (opts: DemoOptions) => {
      const port = opts.port === undefined ? ctx.defaultPort : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw usageError(`--port must be 0–65535, not "${opts.port}"`);
      const location = opts.db ?? ctx.defaultDb;
      // Checked first, before the store is opened: an invalid file writes nothing.
      const ewp = opts.ewp === undefined ? undefined : await loadTable(opts.ewp);
      const bundle = await readValidCase(ctx, caseDirFrom(ctx, { case: opts.case }));
      const rulebook = await validRulebook(ctx);
      const lexicon = await validLexicon(ctx);
      await withStore(
        location,
        async (store) => {
          ctx.io.err(`tocsin demo: loading case "${bundle.manifest.id}" into ${redactLocation(location)}\n`);
          const load = await loadCase(store, bundle);
          const analysis = analyseCase(bundle, { rulebook, lexicon }, { asOf: ctx.today() });
          const summary = demoSummary({
            bundle,
            asOf: analysis.asOf,
            location: redactLocation(location),
            load,
            replay: analysis.replay,
            scorecard: analysis.scorecard,
          });
          // The replay's alerts are stored so the API can serve them even when it runs without the rulebook.
          const saved = analysis.replay
            ? await storeReplayAlerts(store, bundle, rulebook, "day", analysis.replay)
            : { stored: 0, runId: "none" };
          const savedLine = `Stored alerts: ${saved.stored} (run ${saved.runId})\n`;
          if (ewp) ctx.io.err(`tocsin demo: forecasting from ${opts.ewp}\n`);
          const forecast = ewp ? await storeDemoForecast(store, ewp) : undefined;
          const forecastLines = forecast ? formatDemoForecast(forecast) : "";
          if (opts.json) {
            printJson(ctx.io, forecast ? { ...summary, forecast } : summary);
            ctx.io.err(`${savedLine}${forecastLines}`);
          } else ctx.io.out(`${formatDemoSummary(summary)}${savedLine}${forecastLines}`);
          if (!opts.serve) return;
          const server = await startServer({
            store,
            port,
            webRoot: path.join(ctx.packageRoot, "web", "dist"),
            io: ctx.io,
            analysis: { rulebook, lexicon },
            security: httpSecurityFor(ctx, location),
          });
          const sig = await untilSignal();
          ctx.io.err(`tocsin demo: ${sig} received, stopping\n`);
          await server.close();
        },
        { signPending: true },
      );
    });
}
