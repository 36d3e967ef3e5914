/**
 * Hono middleware for authentication and authorisation. `authenticate` resolves the session cookie or the
 * `Authorization: Bearer` API token to a {@link Principal}; `requirePermission` denies by default (401
 * without a principal, 403 without the permission; protected sources also need a TOTP-verified session);
 * `privateInstance` makes every route but the listed public ones need a principal. Each refusal records its
 * reason for the denial audit (`denial-audit.ts`).
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { denyRequest, type Denial } from "./denial-audit.js";
import type { Principal } from "./principal.js";
import { can, type Permission } from "./roles.js";

/** The session cookie: `__Host-` means Secure, Path=/ and no Domain, enforced by browsers. */
export const SESSION_COOKIE = "__Host-tocsin_session";

/** How the middleware finds principals (implemented by storage/accounts; no storage import here). */
export interface AuthPort {
  sessionPrincipal(token: string, now: Date): Promise<Principal | undefined>;
  apiTokenPrincipal(token: string, now: Date): Promise<Principal | undefined>;
}

/** What the request presented: nothing, a credential that resolved to no principal, or a working one. */
export type CredentialState = "none" | "invalid" | "session" | "token";

/** The context variables the middleware sets. */
export interface AuthEnv {
  Variables: {
    principal: Principal | undefined;
    credential: CredentialState | undefined;
    denial: Denial | undefined;
  };
}

/** An RFC 9457 problem answer (no detail that could leak a path, query or stack). */
export function problem(
  c: Context,
  status: 401 | 403 | 404 | 429,
  title: string,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify({ type: "about:blank", title, status }), status, {
    "Content-Type": "application/problem+json",
    "Cache-Control": "no-store",
    ...headers,
  });
}

/** The session token in a `Cookie` header, if any. */
function sessionCookie(header: string | null | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * The principal of a raw request: an `Authorization: Bearer` API token wins, else the session cookie.
 * For apps that resolve callers outside Hono middleware (src/http's `viewerOf`).
 * @example viewerOf: async (req) => ({ entitled: allowed(await principalFromRequest(port, req, new Date()), "sources:protected:read") })
 */
export async function principalFromRequest(
  port: AuthPort,
  req: Request,
  now: Date,
): Promise<Principal | undefined> {
  const header = req.headers.get("Authorization");
  if (header?.startsWith("Bearer ")) return port.apiTokenPrincipal(header.slice(7).trim(), now);
  const token = sessionCookie(req.headers.get("Cookie"));
  return token ? port.sessionPrincipal(token, now) : undefined;
}

/** Did the request carry a credential at all (whether or not it is valid)? Its value is never looked at here. */
function presentsCredential(req: Request): boolean {
  return (
    (req.headers.get("Authorization")?.startsWith("Bearer ") ?? false) ||
    sessionCookie(req.headers.get("Cookie")) !== undefined
  );
}

/**
 * Resolve the caller. A bad or expired credential is treated as none (the route then answers 401 if it needs one).
 * @example app.use("*", authenticate(port, () => new Date()))
 */
export function authenticate(port: AuthPort, clock: () => Date): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = await principalFromRequest(port, c.req.raw, clock());
    c.set("principal", principal);
    c.set("credential", principal ? principal.via : presentsCredential(c.req.raw) ? "invalid" : "none");
    await next();
  };
}

/** Why a request without a principal is refused (no credential value, only whether one was sent). */
function unauthenticatedReason(c: Context<AuthEnv>, prefix = ""): string {
  return `${prefix}${
    c.get("credential") === "invalid"
      ? "invalid, expired or revoked credential"
      : "authentication required: no credential"
  }`;
}

/** Why a principal is refused a permission. */
function forbiddenReason(principal: Principal, permission: Permission): string {
  if (!can(principal.role, permission)) return `role ${principal.role} lacks ${permission}`;
  return principal.via === "token"
    ? `${permission} is refused to API tokens`
    : `${permission} needs a session that passed the second factor`;
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
    if (!principal) {
      denyRequest(c, { reason: unauthenticatedReason(c) });
      return problem(c, 401, "authentication required");
    }
    if (!allowed(principal, permission)) {
      denyRequest(c, { reason: forbiddenReason(principal, permission) });
      return problem(c, 403, "forbidden");
    }
    await next();
  };
}

/** Private mode: every path except `publicPaths` (exact, or prefix when ending in `/*`) needs a principal. */
export function privateInstance(publicPaths: readonly string[]): MiddlewareHandler<AuthEnv> {
  const isPublic = (path: string) =>
    publicPaths.some((p) => (p.endsWith("/*") ? path.startsWith(p.slice(0, -1)) : path === p));
  return async (c, next) => {
    if (!isPublic(c.req.path) && !c.get("principal")) {
      denyRequest(c, { reason: unauthenticatedReason(c, "private instance: ") });
      return problem(c, 401, "authentication required");
    }
    await next();
  };
}
