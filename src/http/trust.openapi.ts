/**
 * The OpenAPI entries of the routes mounted outside `getRoute` (the trust layer's log proofs and reveal steps,
 * and login/logout), built from the zod schemas of src/contracts/api/trust.schema.ts, so the document lists
 * every endpoint the app serves.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import {
  AuthProblemSchema,
  LoginBodySchema,
  LoginResultSchema,
  LogCheckpointSchema,
  LogConsistencyQuerySchema,
  LogConsistencySchema,
  LogLeafParamsSchema,
  LogReceiptSchema,
  RevealApprovedSchema,
  RevealedIdentitySchema,
  RevealParamsSchema,
  RevealRequestBodySchema,
} from "../contracts/api/trust.schema.js";
import type { HttpEnv } from "./deps.js";
import { PROBLEM_RESPONSES } from "./route.js";

const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { "application/json": { schema } },
});
const refusal = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: AuthProblemSchema } },
});
const AUTH_REFUSALS = {
  401: refusal("no valid session or token"),
  403: refusal("the caller's role lacks the permission"),
} as const;
const body = (schema: z.ZodType) => ({
  body: { required: true, content: { "application/json": { schema } } },
});

/** Document `/api/log/*` and `/api/reveal-requests*` (call where {@link registerTrust} mounts them). */
export function documentTrustRoutes(app: OpenAPIHono<HttpEnv>): void {
  const r = app.openAPIRegistry;
  r.registerPath({
    method: "get",
    path: "/api/log/checkpoint",
    tags: ["log"],
    summary: "The latest signed checkpoint of the tamper-evident log",
    responses: { 200: json("the checkpoint", LogCheckpointSchema), ...PROBLEM_RESPONSES },
  });
  r.registerPath({
    method: "get",
    path: "/api/log/consistency",
    tags: ["log"],
    summary: "A consistency proof between two tree sizes",
    request: { query: LogConsistencyQuerySchema },
    responses: { 200: json("the proof", LogConsistencySchema), ...PROBLEM_RESPONSES },
  });
  r.registerPath({
    method: "get",
    path: "/api/log/inclusion/{leaf}",
    tags: ["log"],
    summary: "An inclusion receipt for one leaf (roles that read the log)",
    request: { params: LogLeafParamsSchema },
    responses: { 200: json("the receipt", LogReceiptSchema), ...AUTH_REFUSALS, ...PROBLEM_RESPONSES },
  });
  r.registerPath({
    method: "post",
    path: "/api/reveal-requests",
    tags: ["reveal"],
    summary: "Ask to reveal a protected source's identity (source-handlers; dual control)",
    request: body(RevealRequestBodySchema),
    responses: {
      201: json("the request's id", RevealParamsSchema),
      ...AUTH_REFUSALS,
      ...PROBLEM_RESPONSES,
    },
  });
  for (const [step, summary, schema] of [
    ["approve", "Approve another handler's reveal request", RevealApprovedSchema],
    ["reveal", "Reveal the identity of an approved request (once)", RevealedIdentitySchema],
  ] as const) {
    r.registerPath({
      method: "post",
      path: `/api/reveal-requests/{id}/${step}`,
      tags: ["reveal"],
      summary,
      request: { params: RevealParamsSchema },
      responses: { 200: json(summary, schema), ...AUTH_REFUSALS, ...PROBLEM_RESPONSES },
    });
  }
}

/** Document `/auth/login` and `/auth/logout` (call where the login sub-app is mounted). */
export function documentLoginRoutes(app: OpenAPIHono<HttpEnv>): void {
  const r = app.openAPIRegistry;
  r.registerPath({
    method: "post",
    path: "/auth/login",
    tags: ["auth"],
    summary: "Log in: sets the session cookie (throttled; TOTP for admins and source-handlers)",
    request: body(LoginBodySchema),
    responses: {
      200: json("logged in", LoginResultSchema),
      401: refusal("invalid credentials or second factor"),
      429: refusal("too many attempts (see Retry-After)"),
    },
  });
  r.registerPath({
    method: "post",
    path: "/auth/logout",
    tags: ["auth"],
    summary: "Log out: ends the session and clears its cookie",
    responses: { 204: { description: "logged out" } },
  });
}
