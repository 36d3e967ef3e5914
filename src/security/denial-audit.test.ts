import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "./audit-line.js";
import { authenticate, type AuthEnv, privateInstance, requirePermission } from "./auth.middleware.js";
import { auditDenials, denyRequest } from "./denial-audit.js";
import type { Principal } from "./principal.js";

const AT = new Date("2031-05-01T10:00:00.000Z");
const viewer: Principal = {
  userId: "u-v",
  username: "v",
  role: "viewer",
  secondFactor: false,
  via: "session",
};
const handlerToken: Principal = {
  userId: "u-h",
  username: "h",
  role: "source-handler",
  secondFactor: false,
  via: "token",
};

/** A tiny app with the real middleware, a session "v-session", an API token "tcn_handlerToken1" and a sink. */
function app(mode: "public" | "private" = "public") {
  const events: AuditEvent[] = [];
  const a = new Hono<AuthEnv>();
  a.use(
    "*",
    auditDenials(
      async (e) => void events.push(e),
      () => AT,
    ),
  );
  a.use(
    "*",
    authenticate(
      {
        sessionPrincipal: async (t) => (t === "v-session" ? viewer : undefined),
        apiTokenPrincipal: async (t) => (t === "tcn_handlerToken1" ? handlerToken : undefined),
      },
      () => AT,
    ),
  );
  if (mode === "private") a.use("*", privateInstance(["/open"]));
  a.get("/open", (c) => c.text("ok"));
  a.get("/log/:leaf", requirePermission("log:read"), (c) => c.text("ok"));
  a.get("/secret/:id", requirePermission("sources:protected:read"), (c) => c.text("ok"));
  a.get("/things/:id", (c) => {
    // An object-level refusal answered like a missing thing.
    denyRequest(c, { reason: "not yours", target: `thing ${c.req.param("id")}` });
    return c.text("not found", 404);
  });
  a.get("/audited", (c) => {
    denyRequest(c, { reason: "already written", audited: true });
    return c.text("no", 403);
  });
  return { a, events };
}

const cookie = (token: string) => ({ Cookie: `__Host-tocsin_session=${token}` });

describe("denial audit", () => {
  it("writes nothing for an answer that is not a refusal", async () => {
    const { a, events } = app();
    expect((await a.request("/open")).status).toBe(200);
    expect((await a.request("/nowhere")).status).toBe(404);
    expect(events).toEqual([]);
  });

  it("writes one event per 401, naming whether a credential was sent, never its value", async () => {
    const { a, events } = app();
    expect((await a.request("/log/1")).status).toBe(401);
    expect((await a.request("/log/2", { headers: cookie("stale-session-value") })).status).toBe(401);
    expect(events).toEqual([
      {
        at: "2031-05-01T10:00:00.000Z",
        actor: "anonymous",
        action: "GET /log/:leaf",
        target: "/log/1",
        outcome: "denied",
        reason: "authentication required: no credential",
        status: 401,
        ip: "unknown",
      },
      expect.objectContaining({ target: "/log/2", reason: "invalid, expired or revoked credential" }),
    ]);
    expect(JSON.stringify(events)).not.toContain("stale-session-value");
  });

  it("writes one event per 403 with the actor and why: role, or a token where a second factor is needed", async () => {
    const { a, events } = app();
    expect((await a.request("/log/1", { headers: cookie("v-session") })).status).toBe(403);
    const bearer = { Authorization: "Bearer tcn_handlerToken1" };
    expect((await a.request("/secret/9", { headers: bearer })).status).toBe(403);
    expect(events.map((e) => [e.actor, e.action, e.target, e.reason, e.status])).toEqual([
      ["u-v", "GET /log/:leaf", "/log/1", "role viewer lacks log:read", 403],
      ["u-h", "GET /secret/:id", "/secret/9", "sources:protected:read is refused to API tokens", 403],
    ]);
  });

  it("audits an object-level refusal answered as 404, once, and nothing more for one audited already", async () => {
    const { a, events } = app();
    expect((await a.request("/things/7", { headers: cookie("v-session") })).status).toBe(404);
    expect((await a.request("/audited")).status).toBe(403);
    expect(events).toEqual([
      expect.objectContaining({
        actor: "u-v",
        action: "GET /things/:id",
        target: "thing 7",
        reason: "not yours",
        status: 404,
      }),
    ]);
  });

  it("audits a private instance's refusals, naming the route, or `(no route)` for a path without one", async () => {
    const { a, events } = app("private");
    expect((await a.request("/open")).status).toBe(200);
    expect((await a.request("/log/3")).status).toBe(401);
    expect((await a.request("/no/such/path")).status).toBe(401);
    expect(events.map((e) => [e.action, e.target, e.reason])).toEqual([
      ["GET /log/:leaf", "/log/3", "private instance: authentication required: no credential"],
      ["GET (no route)", "/no/such/path", "private instance: authentication required: no credential"],
    ]);
  });
});
