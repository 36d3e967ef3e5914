/**
 * Security headers on every answer, API and dashboard alike: a strict Content-Security-Policy (scripts only
 * from this origin, never inline), nosniff, no framing, no referrer, and `no-store` on API answers.
 * @module
 */
import type { MiddlewareHandler } from "hono";

/**
 * The dashboard's policy. `style-src` allows inline styles because Observable Plot writes a `<style>` element
 * and `style` attributes into each chart's SVG; scripts stay strictly same-origin (no inline, no eval).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Middleware setting the headers; API paths also get `Cache-Control: no-store` (answers may be sensitive). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (c.req.path.startsWith("/api/")) h.set("Cache-Control", "no-store");
  };
}
