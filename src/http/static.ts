/** Serve the built dashboard (web/dist): its files, and index.html at "/". The dashboard routes by URL hash. @module */
import { serveStatic } from "@hono/node-server/serve-static";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { HttpEnv } from "./deps.js";

/** Mount the dashboard at "/" for GET and HEAD, after the API routes. */
export function serveDashboard(app: OpenAPIHono<HttpEnv>, webRoot: string): void {
  const files = serveStatic({ root: webRoot });
  app.get("/", serveStatic({ root: webRoot, path: "index.html" }));
  app.get("/assets/*", files);
  app.get("/favicon.svg", files);
}
