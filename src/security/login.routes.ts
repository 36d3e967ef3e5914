/**
 * `POST /login` and `POST /logout` as a Hono sub-app the HTTP layer mounts (`app.route("/auth", …)`).
 * Login: throttled (429 + Retry-After), one answer for every credential failure, TOTP required for admins
 * and source-handlers, a fresh session token each time (no fixation), `__Host-` cookie Secure, HttpOnly,
 * SameSite=Strict. Every outcome is audited without the password (once: the denial audit is told so).
 * @module
 */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AuditEvent } from "./audit-line.js";
import { authenticate as checkPassword, type LoginAccount } from "./authenticate.js";
import { problem, SESSION_COOKIE } from "./auth.middleware.js";
import { denyRequest } from "./denial-audit.js";
import type { LoginThrottle } from "./login-throttle.js";
import { needsSecondFactor } from "./roles.js";
import { verifyTotp } from "./totp.js";

/** An account as login needs it: TOTP secret already decrypted (or undefined when not enrolled). */
export interface LoginUser extends LoginAccount {
  readonly role: string;
  readonly totpSecret?: Buffer;
  readonly totpLastStep?: number;
}

/** What the routes need from the rest of the system. */
export interface LoginDeps {
  readonly throttle: LoginThrottle;
  readonly clock: () => Date;
  findUser(username: string): Promise<LoginUser | undefined>;
  createSession(userId: string, secondFactor: boolean, now: Date): Promise<string>;
  deleteSession(token: string): Promise<void>;
  markTotpStep(userId: string, step: number): Promise<void>;
  audit(event: AuditEvent): Promise<void>;
  /** Session lifetime for the cookie's Max-Age (default 8 h). */
  readonly sessionSeconds?: number;
}

/** The client address as the HTTP layer knows it (set `x-forwarded-for` handling there, not here). */
function clientIp(c: { req: { header(name: string): string | undefined } }): string {
  return c.req.header("x-real-ip") ?? "unknown";
}

/** Build the sub-app. */
export function createLoginRoutes(deps: LoginDeps): Hono {
  const app = new Hono();

  app.post("/login", async (c) => {
    const now = deps.clock();
    const at = now.toISOString();
    let body: { username?: unknown; password?: unknown; totp?: unknown };
    try {
      body = (await c.req.json()) as typeof body;
    } catch {
      body = {};
    }
    const username = typeof body.username === "string" ? body.username.slice(0, 128) : "";
    const password = typeof body.password === "string" ? body.password.slice(0, 1024) : "";
    const ip = clientIp(c);
    const result = await checkPassword(deps.throttle, deps.findUser, username, password, ip, now.getTime());
    if (!result.ok && result.reason === "throttled") {
      await deps.audit({
        at,
        actor: "anonymous",
        action: "login.throttled",
        target: username,
        outcome: "denied",
        ip,
      });
      // Audited here as a login outcome: the denial audit writes nothing more.
      denyRequest(c, { reason: "throttled", audited: true });
      return problem(c, 429, "too many attempts", { "Retry-After": String(result.retryAfterSeconds) });
    }
    if (!result.ok) {
      await deps.audit({
        at,
        actor: "anonymous",
        action: "login.failed",
        target: username,
        outcome: "failed",
        ip,
      });
      denyRequest(c, { reason: "invalid credentials", audited: true });
      return problem(c, 401, "invalid credentials");
    }
    const user = result.account;
    let secondFactor = false;
    if (needsSecondFactor(user.role)) {
      const step =
        user.totpSecret && typeof body.totp === "string"
          ? verifyTotp(user.totpSecret, body.totp, Math.floor(now.getTime() / 1000), user.totpLastStep ?? -1)
          : undefined;
      if (step === undefined) {
        deps.throttle.fail(username, ip, now.getTime());
        await deps.audit({
          at,
          actor: user.id,
          action: "login.failed",
          target: user.id,
          outcome: "failed",
          ip,
          details: { reason: "second factor" },
        });
        denyRequest(c, { reason: "second factor", audited: true });
        return problem(
          c,
          401,
          user.totpSecret ? "second factor required" : "second factor not enrolled: ask an admin",
        );
      }
      await deps.markTotpStep(user.id, step);
      secondFactor = true;
    }
    // A fresh token each login; an old cookie the client still had is ended too.
    const old = getCookie(c, SESSION_COOKIE);
    if (old) await deps.deleteSession(old);
    const token = await deps.createSession(user.id, secondFactor, now);
    setCookie(c, SESSION_COOKIE, token, {
      secure: true,
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
      maxAge: deps.sessionSeconds ?? 8 * 3600,
    });
    await deps.audit({ at, actor: user.id, action: "login.ok", target: user.id, outcome: "ok", ip });
    c.header("Cache-Control", "no-store");
    return c.json({ ok: true, secondFactor });
  });

  app.post("/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deps.deleteSession(token);
    deleteCookie(c, SESSION_COOKIE, { secure: true, path: "/" });
    await deps.audit({ at: deps.clock().toISOString(), actor: "session", action: "logout", outcome: "ok" });
    return c.body(null, 204);
  });

  return app;
}
