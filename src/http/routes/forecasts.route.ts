/** GET /api/forecasts (runs, newest first) and /api/forecasts/{runId} (country risks and its backtest). @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { RunParamsSchema } from "../../contracts/api/query.schema.js";
import { ItemsViewSchema } from "../../contracts/api/view.schema.js";
import { forecastRun, forecastRuns } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { ok } from "../respond.js";
import { getRoute } from "../route.js";

const list = getRoute({
  path: "/api/forecasts",
  tag: "forecasts",
  summary: "Forecast and backtest runs in the store",
  schema: ItemsViewSchema,
});

const one = getRoute({
  path: "/api/forecasts/{runId}",
  tag: "forecasts",
  summary: "One forecast run: country risks, model, and backtest metrics if it is a backtest",
  request: { params: RunParamsSchema },
  schema: z.looseObject({ id: z.string() }).meta({ id: "ForecastRun" }),
});

/** Register the forecast routes. */
export function registerForecasts(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  app.openapi(list, async (c) => ok(c, { items: await forecastRuns(deps.store) }));
  app.openapi(one, async (c) => ok(c, await forecastRun(deps.store, c.req.valid("param").runId)));
}
