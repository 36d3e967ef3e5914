/**
 * GET /api/events: server-sent events for signed-in users — `record` after each committed write, `alert` when a
 * live assessment changed a level. Events carry ids, versions and alerts, never a source's protected fields.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { requirePermission } from "../../security/auth.middleware.js";
import type { HttpEnv } from "../deps.js";
import type { LiveEvent, LiveUpdates } from "./live-updates.js";

/** Register the event stream. A comment line every `heartbeatMs` keeps proxies from closing it. */
export function registerEvents(app: OpenAPIHono<HttpEnv>, live: LiveUpdates, heartbeatMs = 15_000): void {
  app.get("/api/events", requirePermission("records:read"), (c) => {
    c.header("Cache-Control", "no-store");
    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      const stop = live.subscribe((e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        stop();
        wake?.();
      });
      let id = 0;
      await stream.writeSSE({ event: "ready", data: "{}", id: String(id++) });
      while (!stream.aborted && !stream.closed) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE({ event: next.event, data: JSON.stringify(next.data), id: String(id++) });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, heartbeatMs).unref?.();
        });
        wake = undefined;
        if (queue.length === 0 && !stream.aborted) await stream.write(": keep-alive\n\n");
      }
      stop();
    });
  });
}
