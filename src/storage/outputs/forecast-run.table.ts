/** The `forecast_runs` table: forecasts and backtests with their parameters and results as JSON. */
import type { Selectable } from "kysely";

export interface ForecastRunTable {
  id: string;
  kind: string;
  data_sha256: string;
  model: string;
  model_version: string;
  /** JSON text. */
  params: string;
  /** JSON text. */
  payload: string;
  created_at: string;
}
export type ForecastRunRow = Selectable<ForecastRunTable>;
