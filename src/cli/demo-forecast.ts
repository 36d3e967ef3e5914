/**
 * The forecast `tocsin demo --ewp FILE` runs and stores, so the dashboard's Country risk page has a run to show:
 * the default model, two-year horizon, base year the file's latest year.
 * @module
 */
import type { CountryYearTable } from "../forecast/data/country-year.js";
import { DEFAULT_MODEL } from "../forecast/models/registry.js";
import { runForecast } from "../forecast/runs/forecast.js";
import { type Store, saveForecastRun } from "../storage/index.js";
import { forecastRunOf } from "./forecast-run.js";
import { guard, parseModel } from "./forecast-options.js";

/** What the demo says about the forecast it stored. */
export interface DemoForecast {
  readonly runId: string;
  readonly baseYear: number;
  readonly horizon: 2;
  readonly model: string;
  readonly dataSha256: string;
  readonly countries: number;
  /** The five highest-risk countries. */
  readonly top: readonly { readonly rank: number; readonly country: string; readonly p: number }[];
}

/**
 * Forecast from the file's latest year and store the run (replacing the same run on the same file).
 * @example const f = await storeDemoForecast(store, await loadTable("data/ewp/prepared.csv")); f.top[0].country
 */
export async function storeDemoForecast(
  store: Store,
  data: { readonly table: CountryYearTable; readonly sha256: string },
): Promise<DemoForecast> {
  const model = parseModel(DEFAULT_MODEL);
  const baseYear = data.table.year.reduce((a, b) => Math.max(a, b), -Infinity);
  const result = guard(() => runForecast(data.table, model, { baseYear, horizon: 2 }));
  const run = forecastRunOf(result, model, data.sha256, new Date().toISOString());
  await saveForecastRun(store, run);
  return {
    runId: run.id,
    baseYear,
    horizon: 2,
    model: `${model.name} ${model.version}`,
    dataSha256: data.sha256,
    countries: result.forecasts.length,
    top: result.forecasts.slice(0, 5).map((f) => ({ rank: f.rank, country: f.country, p: f.p })),
  };
}

/** The summary's lines about the stored forecast. */
export function formatDemoForecast(f: DemoForecast): string {
  const top = f.top.map((t) => `${t.country} ${(100 * t.p).toFixed(1)}%`).join(", ");
  return (
    `Stored forecast: ${f.countries} countries, onset in ${f.baseYear + 1}–${f.baseYear + 2} (base year ${f.baseYear}, ` +
    `model ${f.model}, run ${f.runId})\n  highest risk: ${top}\n`
  );
}
