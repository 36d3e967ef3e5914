/** GET /api/forecasts (runs, newest first) and /api/forecasts/{runId} (country risks and its backtest). @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ForecastRunListSchema, ForecastRunSchema } from "../../contracts/api/forecast.schema.js";
import { RunParamsSchema } from "../../contracts/api/query.schema.js";
import { forecastRun, forecastRuns } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { ok } from "../respond.js";
import { getRoute } from "../route.js";

const list = getRoute({
  path: "/api/forecasts",
  tag: "forecasts",
  summary: "Forecast and backtest runs in the store (without results or params)",
  schema: ForecastRunListSchema,
});

const one = getRoute({
  path: "/api/forecasts/{runId}",
  tag: "forecasts",
  summary: "One run: country risks with changes and big movers, or backtest metrics (without params)",
  request: { params: RunParamsSchema },
  schema: ForecastRunSchema,
});

/** Register the forecast routes. */
export function registerForecasts(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  app.openapi(list, async (c) => ok(c, { items: await forecastRuns(deps.store) }));
  app.openapi(one, async (c) => ok(c, await forecastRun(deps.store, c.req.valid("param").runId)));
}
