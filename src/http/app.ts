/**
 * The HTTP application: the JSON API under /api (validated by zod, documented by the OpenAPI document
 * generated from the same schemas), errors as problem+json, security headers on every answer, and the
 * built dashboard from `webRoot`. Dependencies are injected so tests run it on a real store with `app.request()`.
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./api-error.js";
import type { HttpDeps, HttpEnv } from "./deps.js";
import { registerOpenApi } from "./openapi.js";
import { problemResponse } from "./problem.js";
import { ANONYMOUS } from "./redact.js";
import { registerAnalyses } from "./routes/analysis.route.js";
import { registerEvidence } from "./routes/evidence.route.js";
import { registerCases } from "./routes/cases.route.js";
import { registerForecasts } from "./routes/forecasts.route.js";
import { registerHealth } from "./routes/health.route.js";
import { registerOverview } from "./routes/overview.route.js";
import { registerRecords } from "./routes/records.route.js";
import { securityHeaders } from "./security-headers.js";
import { serveDashboard } from "./static.js";
import { validationError } from "./validation.js";
import { allowed, authenticate, privateInstance } from "../security/auth.middleware.js";
import { createLoginRoutes } from "../security/login.routes.js";
import { LoginThrottle } from "../security/login-throttle.js";
import { auditDenials } from "../security/denial-audit.js";
import { authPortFor, loginDepsFor, recordAudit } from "../storage/accounts/index.js";
import { confidentialOf } from "./cache/confidential-of.js";
import { writeVersions } from "./cache/version-headers.js";
import { shareReadCache } from "./cache/read-cache.js";
import { PRIVATE_PUBLIC_PATHS } from "./http-security.js";
import { registerTrust } from "./routes/trust.route.js";
import { registerAnswerPages } from "./routes/answer.route.js";
import { registerDeskRoutes } from "./routes/desk.route.js";
import { documentDeskRoutes } from "./routes/desk.openapi.js";
import { documentLoginRoutes } from "./trust.openapi.js";
import { EventHub } from "./live/live-updates.js";
import { registerEvents } from "./live/events.route.js";
import { registerCaseWrites } from "./writes/case-write.routes.js";
import { registerRecordWrites } from "./writes/record-write.routes.js";
import { registerMe } from "./writes/me.route.js";
import { documentWriteRoutes } from "./writes/write.openapi.js";

/** Default largest request body: 1 MiB (a record written through the API is far smaller). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Build the app.
 * @example const app = createApp({ store }); const res = await app.request("/api/cases");
 */
export function createApp(deps: HttpDeps): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>({
    // Every invalid parameter of every route ends here: one 400 problem naming the fields.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.target, result.error);
    },
  });

  app.use("*", securityHeaders());
  const security = deps.security;
  if (security) {
    const clock = security.clock ?? (() => new Date());
    // Outermost, so it sees every answer: each 401/403, and each refusal a route records, is audited once.
    app.use(
      "*",
      auditDenials((event) => recordAudit(deps.store.db, event), clock),
    );
    // Who is asking (session cookie or API token), then, in a private instance, deny every anonymous request
    // but login and health. Deny by default: routes that need more check their permission.
    app.use("*", authenticate(authPortFor(deps.store.db), clock));
    if (security.mode === "private") app.use("*", privateInstance(PRIVATE_PUBLIC_PATHS));
  } else {
    app.use("*", async (c, next) => {
      c.set("principal", undefined);
      await next();
    });
  }
  app.use("*", async (c, next) => {
    c.set(
      "viewer",
      deps.viewerOf
        ? await deps.viewerOf(c.req.raw)
        : security
          ? { entitled: allowed(c.get("principal"), "sources:protected:read") }
          : ANONYMOUS,
    );
    await next();
  });
  app.use("/api/*", writeVersions(deps));
  app.use("/api/*", async (c, next) => {
    // Only a viewer who may not see protected sources needs the list; it is read once per store version, so
    // a newly loaded or written confidential source is covered from the next request on.
    c.set("storeVersion", undefined);
    c.set("confidentialSources", c.get("viewer").entitled ? new Set() : await confidentialOf(c, deps));
    await next();
  });
  const limitBody = bodyLimit({
    maxSize: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(
        "payload-too-large",
        `request bodies are limited to ${deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes`,
      );
    },
  });
  // A GET or HEAD has no body to limit; asking for one would build the full fetch Request (an AbortController,
  // the headers copied) on every read, a measurable share of a cached answer's cost.
  app.use("/api/*", (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next),
  );

  registerHealth(app, deps);
  registerOverview(app, deps);
  registerCases(app, deps);
  registerRecords(app, deps);
  registerAnalyses(app, deps);
  registerEvidence(app, deps);
  registerForecasts(app, deps);
  const clock = security?.clock ?? (() => new Date());
  const live = deps.live ?? new EventHub();
  const writeDeps = { ...deps, live };
  // One read cache: a write is checked against the case the reads cached when it is still current.
  shareReadCache(deps, writeDeps);
  registerCaseWrites(app, writeDeps, clock);
  registerRecordWrites(app, writeDeps, clock);
  registerEvents(app, live);
  registerMe(app);
  documentWriteRoutes(app);
  registerOpenApi(app, deps);
  if (security) {
    app.route(
      "/auth",
      createLoginRoutes(
        loginDepsFor(
          deps.store.db,
          security.fieldKey,
          security.throttle ?? new LoginThrottle(),
          security.clock ?? (() => new Date()),
        ),
      ),
    );
    documentLoginRoutes(app);
    registerTrust(app, deps, security);
    if (deps.desk) {
      registerDeskRoutes(app, { store: deps.store, ...deps.desk, live });
      documentDeskRoutes(app);
    }
  }
  if (deps.desk)
    registerAnswerPages(app, {
      store: deps.store,
      clock: deps.desk.clock,
      live,
    });

  if (deps.webRoot) serveDashboard(app, deps.webRoot);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    return problemResponse(c, new ApiError("not-found", `nothing at ${c.req.method} ${path}`));
  });
  app.onError((err, c) => problemResponse(c, err, deps.log));
  return app;
}
