/** GET /api/openapi.json: the OpenAPI 3.1 document generated from the route schemas. @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { HttpDeps, HttpEnv } from "./deps.js";

/** Register the document route (it is not itself listed in the document). */
export function registerOpenApi(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  let doc: unknown;
  app.get("/api/openapi.json", (c) => {
    // Generated once, on first request: routes do not change after the app is built.
    doc ??= app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Tocsin API",
        version: deps.version ?? "0.0.0",
        description:
          "JSON API of Tocsin (read-only but for the trust routes): records, timelines, assessments, alerts, the warning ledger, naming, " +
          "accountability, the scorecard and forecasts; with accounts configured, also login/logout, the " +
          "tamper-evident log's proofs and the dual-control reveal. Confidential sources are always redacted. " +
          "Errors are application/problem+json (RFC 9457) with a stable `code`.",
        license: { name: "AGPL-3.0-or-later", url: "https://www.gnu.org/licenses/agpl-3.0.html" },
      },
      servers: [{ url: "/" }],
    });
    return c.json(doc as object, 200);
  });
}
