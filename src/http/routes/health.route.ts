/** GET /api/health: the server is up and answers. @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { HealthSchema } from "../../contracts/api/view.schema.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { getRoute } from "../route.js";

const route = getRoute({ path: "/api/health", tag: "meta", summary: "Health check", schema: HealthSchema });

/** Register the health route. */
export function registerHealth(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  app.openapi(route, (c) => c.json({ status: "ok" as const, version: deps.version ?? "0.0.0" }, 200));
}
