/**
 * Denials into the audit trail: every 401 and 403 the HTTP layer answers, and every object-level refusal that
 * answers like a missing object (404), becomes exactly one audit event — UTC time, actor (`anonymous` without a
 * principal), action (method + route pattern), target (the request path, or the object a route names), reason
 * and status. The query string, headers and body are never written (they may carry credentials).
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AuditEvent } from "./audit-line.js";
import type { Principal } from "./principal.js";

/** Why a request was refused, set by whoever refused it. */
export interface Denial {
  /** A fixed text: never a credential, a protected field or request data. */
  readonly reason: string;
  /** The object refused (e.g. `case/source`), when more precise than the request path. */
  readonly target?: string;
  /** Stable codes that say more (e.g. `{ code: "REVEAL_USED" }`); ids only, never request data. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** True when the refusal is already in the audit trail (login outcomes, reveal steps): nothing more is written. */
  readonly audited?: boolean;
}

/** The context variables the denial audit reads. */
export interface DenialEnv {
  Variables: { principal: Principal | undefined; denial: Denial | undefined };
}

/**
 * Record why this request is refused (the answer itself is the caller's). A 404 with a denial is audited too:
 * that is how an object-level refusal stays indistinguishable from a missing object to the client only.
 * @example denyRequest(c, { reason: "source missing or not confidential", target: `${caseId}/${sourceId}` })
 */
export function denyRequest(c: Context, denial: Denial): void {
  c.set("denial", denial);
}

/** `METHOD /route/:pattern` of the request: the endpoint it matched, or `(no route)`. */
export function routeAction(c: Context): string {
  const endpoint = matchedRoutes(c)
    .filter((r) => r.method !== "ALL")
    .at(-1);
  return `${c.req.method} ${endpoint?.path ?? "(no route)"}`;
}

/**
 * Middleware, mounted before authentication: after the request is answered, write one audit event when the
 * answer is 401 or 403 or a denial was recorded, unless that denial says it is audited already. A failed audit
 * write fails the request (500): a refusal is never served unrecorded.
 * @example app.use("*", auditDenials((e) => recordAudit(db, e), () => new Date()))
 */
export function auditDenials(
  audit: (event: AuditEvent) => Promise<void>,
  clock: () => Date,
): MiddlewareHandler<DenialEnv> {
  return async (c, next) => {
    await next();
    const denial = c.get("denial");
    const status = c.res.status;
    if (denial?.audited || (!denial && status !== 401 && status !== 403)) return;
    await audit({
      at: clock().toISOString(),
      actor: c.get("principal")?.userId ?? "anonymous",
      action: routeAction(c),
      target: denial?.target ?? c.req.path,
      outcome: "denied",
      reason: denial?.reason ?? (status === 401 ? "authentication required" : "forbidden"),
      status,
      ip: c.req.header("x-real-ip") ?? "unknown",
      ...(denial?.details ? { details: denial.details } : {}),
    });
  };
}
