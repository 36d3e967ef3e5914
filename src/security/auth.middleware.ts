/**
 * Hono middleware for authentication and authorisation. `authenticate` resolves the session cookie or the
 * `Authorization: Bearer` API token to a {@link Principal}; `requirePermission` denies by default (401
 * without a principal, 403 without the permission; protected sources also need a TOTP-verified session);
 * `privateInstance` makes every route but the listed public ones need a principal.
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Principal } from "./principal.js";
import { can, type Permission } from "./roles.js";

/** The session cookie: `__Host-` means Secure, Path=/ and no Domain, enforced by browsers. */
export const SESSION_COOKIE = "__Host-tocsin_session";

/** How the middleware finds principals (implemented by storage/trust; no storage import here). */
export interface AuthPort {
  sessionPrincipal(token: string, now: Date): Promise<Principal | undefined>;
  apiTokenPrincipal(token: string, now: Date): Promise<Principal | undefined>;
}

/** The context variables the middleware sets. */
export interface AuthEnv {
  Variables: { principal: Principal | undefined };
}

/** An RFC 9457 problem answer (no detail that could leak a path, query or stack). */
export function problem(c: Context, status: 401 | 403 | 404 | 429, title: string, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify({ type: "about:blank", title, status }), status, { "Content-Type": "application/problem+json", "Cache-Control": "no-store", ...headers });
}

/**
 * Resolve the caller. A bad or expired credential is treated as none (the route then answers 401 if it needs one).
 * @example app.use("*", authenticate(port, () => new Date()))
 */
export function authenticate(port: AuthPort, clock: () => Date): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    let principal: Principal | undefined;
    const header = c.req.header("Authorization");
    const bearer = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    if (bearer) principal = await port.apiTokenPrincipal(bearer, clock());
    else {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) principal = await port.sessionPrincipal(cookie, clock());
    }
    c.set("principal", principal);
    await next();
  };
}

/** Does this principal hold the permission (with a second factor for protected identities)? */
export function allowed(principal: Principal | undefined, permission: Permission): boolean {
  if (!principal || !can(principal.role, permission)) return false;
  if (permission.startsWith("sources:protected:") && !principal.secondFactor) return false;
  return true;
}

/** Deny unless the caller holds `permission`. */
export function requirePermission(permission: Permission): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    if (!principal) return problem(c, 401, "authentication required");
    if (!allowed(principal, permission)) return problem(c, 403, "forbidden");
    await next();
  };
}

/** Private mode: every path except `publicPaths` (exact, or prefix when ending in `/*`) needs a principal. */
export function privateInstance(publicPaths: readonly string[]): MiddlewareHandler<AuthEnv> {
  const isPublic = (path: string) => publicPaths.some((p) => (p.endsWith("/*") ? path.startsWith(p.slice(0, -1)) : path === p));
  return async (c, next) => {
    if (!isPublic(c.req.path) && !c.get("principal")) return problem(c, 401, "authentication required");
    await next();
  };
}
