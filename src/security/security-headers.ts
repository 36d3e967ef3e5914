/**
 * Security headers for every answer: a strict Content-Security-Policy with no inline script, nosniff,
 * no framing, no referrer, and `no-store` so no proxy or browser cache keeps an answer that may hold
 * protected data. Mount first: `app.use("*", securityHeaders())`.
 * @module
 */
import type { MiddlewareHandler } from "hono";

/** The CSP: only same-origin scripts, styles, images and connections; nothing inline, no plugins, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Set the headers after the handler ran (so they also cover error answers). */
export function securityHeaders(options: { cacheable?: (path: string) => boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
    c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // Static assets may be cached; everything else (API answers) may hold protected data.
    if (!options.cacheable?.(c.req.path)) c.header("Cache-Control", "no-store");
  };
}
