/**
 * The stored form of a forecast: what `tocsin forecast` and `tocsin demo --ewp` save, so the dashboard's Country
 * risk page and `GET /api/forecasts` read the same run whichever command made it.
 * @module
 */
import type { ForecastModel } from "../forecast/models/model.js";
import type { CountryForecast, ForecastResult } from "../forecast/runs/forecast.js";
import type { ForecastRun } from "../storage/index.js";

/**
 * The run to store for `result`; its id names the base year, horizon, model and data, so running the same
 * forecast on the same file again replaces the run instead of adding one.
 * @example forecastRunOf(result, model, data.sha256, new Date().toISOString()).id
 * // "forecast-2015-h2-ensemble-1.0.0-3f2a9c01b7de"
 */
export function forecastRunOf(
  result: ForecastResult,
  model: ForecastModel,
  dataSha256: string,
  createdAt: string,
): ForecastRun {
  return {
    id: `forecast-${result.baseYear}-h${result.horizon}-${model.name}-${model.version}-${dataSha256.slice(0, 12)}`,
    kind: "forecast",
    dataSha256,
    model: model.name,
    modelVersion: model.version,
    params: result.params,
    payload: forecastPayload(result),
    createdAt,
  };
}

/**
 * What is stored with a run and served by `GET /api/forecasts/{id}`: the `--json` document plus the model version,
 * each country's previous probability, rank and change, and the big movers (so the dashboard can show them).
 * @example forecastPayload(result).movers[0].change
 */
export function forecastPayload(r: ForecastResult) {
  const previous = (f: CountryForecast) => ({
    change: f.change,
    previousP: f.previousP,
    previousRank: f.previousRank,
  });
  return {
    baseYear: r.baseYear,
    horizon: r.horizon,
    model: r.model,
    modelVersion: r.modelVersion,
    train: r.train,
    previousBaseYear: r.previousBaseYear,
    forecasts: r.forecasts.map((f) => ({
      ccode: f.ccode,
      country: f.country,
      p: f.p,
      rank: f.rank,
      ...previous(f),
      drivers: f.drivers,
    })),
    movers: r.movers.map((f) => ({
      ccode: f.ccode,
      country: f.country,
      p: f.p,
      rank: f.rank,
      ...previous(f),
    })),
    notices: r.notices,
  };
}
