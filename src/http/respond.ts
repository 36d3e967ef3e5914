/** The single way a route answers with JSON: the body is redacted for the viewer first. @module */
import type { Context } from "hono";
import type { HttpEnv } from "./deps.js";
import { redactDeep } from "./redact.js";

/**
 * Answer 200 with `body` as the request's viewer may see it. The result is typed `never` so it satisfies each
 * route's declared response; test/http checks every answer against its route's response schema instead.
 */
export function ok<T extends object>(c: Context<HttpEnv>, body: T): never {
  const confidential = c.get("confidentialSources") ?? new Set<string>();
  return c.json(redactDeep(body, c.get("viewer"), (id) => confidential.has(id)) as object, 200) as never;
}
