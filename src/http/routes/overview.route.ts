/** GET /api/overview: every case's situations by risk level, for the dashboard's first page. @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ItemsViewSchema } from "../../contracts/api/view.schema.js";
import { overview } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { ok } from "../respond.js";
import { getRoute } from "../route.js";

const route = getRoute({
  path: "/api/overview",
  tag: "analysis",
  summary: "Situations of every case by their latest risk level",
  schema: ItemsViewSchema,
});

/** Register the overview route. */
export function registerOverview(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  app.openapi(route, async (c) => ok(c, { items: await overview(deps) }));
}
