/** GET /auth/me: who is signed in, with what role, until when (401 when not signed in or expired). @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { requirePermission } from "../../security/auth.middleware.js";
import type { HttpEnv } from "../deps.js";

/** Register /auth/me. `expiresAt` is the session's end (null for an API token without one). */
export function registerMe(app: OpenAPIHono<HttpEnv>): void {
  app.get("/auth/me", requirePermission("records:read"), (c) => {
    const p = c.get("principal");
    c.header("Cache-Control", "no-store");
    return c.json({
      user: { id: p?.userId ?? "", name: p?.username ?? "", role: p?.role ?? "" },
      expiresAt: p?.expiresAt ?? null,
    });
  });
}
