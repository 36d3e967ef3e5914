/**
 * The options and input checks the forecast and backtest commands share: the EWP table, years, horizon, model,
 * and the guard that turns the core's input problems into exit-2 errors.
 * @module
 */
import { formatEwpProblem, readEwpCsv } from "../datasets/ewp/ewp.reader.js";
import type { CountryYearTable, Horizon } from "../forecast/data/country-year.js";
import { GlmnetError } from "../forecast/glmnet/glmnet.js";
import type { ForecastModel } from "../forecast/models/model.js";
import { MODELS, getModel } from "../forecast/models/registry.js";
import { ForecastError } from "../forecast/runs/forecast-error.js";
import { usageError } from "./cli-error.js";

/** Read and validate the CSV; every problem (line, column) becomes one exit-2 message. */
export async function loadTable(
  path: string | undefined,
): Promise<{ table: CountryYearTable; sha256: string }> {
  if (path === undefined) throw usageError("--data CSV is required");
  const r = await readEwpCsv(path);
  if (!r.ok) {
    const shown = r.problems.slice(0, 10).map((p) => `  ${formatEwpProblem(p)}`);
    const more = r.problems.length > 10 ? [`  … and ${r.problems.length - 10} more`] : [];
    throw usageError([`${path} is not a valid EWP country-year file:`, ...shown, ...more].join("\n"));
  }
  return { table: r.table, sha256: r.sha256 };
}

/** Run `fn`, turning input problems found by the core into exit-2 errors. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ForecastError || e instanceof GlmnetError) throw usageError(e.message);
    throw e;
  }
}

/** An integer year option. */
export function parseYear(flag: string, v: string | undefined): number {
  if (v === undefined) throw usageError(`${flag} YEAR is required`);
  if (!/^\d{4}$/.test(v)) throw usageError(`${flag} "${v}" is not a year`);
  return Number(v);
}

/** `--horizon`: 1 or 2. */
export function parseHorizon(v: string): Horizon {
  if (v === "1" || v === "2") return Number(v) as Horizon;
  throw usageError(`--horizon must be 1 or 2, not "${v}"`);
}

/** `--model`: a registered name. */
export function parseModel(name: string): ForecastModel {
  const m = getModel(name);
  if (!m) throw usageError(`unknown model "${name}": choose one of ${Object.keys(MODELS).join(", ")}`);
  return m;
}
