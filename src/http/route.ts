/**
 * `getRoute`: a GET route whose OpenAPI entry and request validation come from the same zod schemas, and which
 * documents the problem answers every route can give.
 * @module
 */
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { z } from "zod";
import { ProblemSchema } from "../contracts/api/problem.schema.js";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});

/** The error answers every API route may give. */
export const PROBLEM_RESPONSES = {
  400: problem("a parameter is invalid; `invalidParams` names it"),
  404: problem("no such case, record or run"),
  413: problem("request body over the limit"),
  500: problem("unexpected error (no detail is disclosed)"),
} as const;

/**
 * Declare a GET route.
 * @example getRoute({ path: "/api/cases", tag: "cases", summary: "List cases", schema: CaseListSchema })
 */
export function getRoute<R extends RouteConfig["request"], S extends z.ZodType>(o: {
  path: string;
  tag: string;
  summary: string;
  description?: string;
  request?: R;
  schema: S;
}) {
  return createRoute({
    method: "get",
    path: o.path,
    tags: [o.tag],
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    request: o.request ?? ({} as R),
    responses: {
      200: { description: o.summary, content: { "application/json": { schema: o.schema } } },
      ...PROBLEM_RESPONSES,
    },
  });
}
