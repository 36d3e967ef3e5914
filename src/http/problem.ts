/**
 * Errors to `application/problem+json` (RFC 9457), in one place: `app.onError` and `app.notFound` call these.
 * @module
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Problem } from "../contracts/api/problem.schema.js";
import { isStoreError } from "../storage/store-error.js";
import { ApiError } from "./api-error.js";

/** Base of the `type` URIs; each code has its own documented page. */
export const PROBLEM_BASE = "https://tocsin.dev/problems/";

/** The problem document for an error; unknown errors become a generic 500 with no detail from the error itself. */
export function toProblem(err: unknown, instance: string): Problem {
  const e = asApiError(err);
  return {
    type: `${PROBLEM_BASE}${e.code}`,
    title: e.title,
    status: e.status,
    ...(e.detail !== undefined ? { detail: e.detail } : {}),
    instance,
    code: e.code,
    ...(e.invalidParams ? { invalidParams: [...e.invalidParams] } : {}),
    ...(e.extra?.problems ? { problems: [...e.extra.problems] } : {}),
    ...(e.extra?.current ? { current: e.extra.current as Record<string, unknown> } : {}),
    ...(e.extra?.currentVersion !== undefined ? { currentVersion: e.extra.currentVersion } : {}),
  };
}

function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // A store that is locked or unreachable is a temporary condition the client may retry; its message names
  // the store location, so it is not passed on.
  if (isStoreError(err, "STORE_LOCKED") || isStoreError(err, "STORE_UNREACHABLE")) {
    return new ApiError("unavailable", "the store is busy or unreachable; retry later");
  }
  if (err instanceof HTTPException) {
    // Hono's own exceptions (e.g. malformed JSON) carry a status but their messages are not part of our contract.
    if (err.status === 413) return new ApiError("payload-too-large");
    if (err.status === 412) return new ApiError("precondition-failed");
    if (err.status === 404) return new ApiError("not-found");
    if (err.status === 401) return new ApiError("unauthorized");
    if (err.status === 403) return new ApiError("forbidden");
    if (err.status < 500) return new ApiError("bad-request");
  }
  return new ApiError("internal", "the server could not answer this request");
}

/** Send a problem document. Internal errors are reported to `log` (never to the client) without request data. */
export function problemResponse(c: Context, err: unknown, log?: (message: string) => void): Response {
  const problem = toProblem(err, new URL(c.req.url).pathname);
  if (problem.status >= 500 && log) {
    log(`tocsin http: ${err instanceof Error ? `${err.name}: ${err.message}` : "non-error thrown"}`);
  }
  return c.body(JSON.stringify(problem), problem.status as 500, {
    "Content-Type": "application/problem+json; charset=utf-8",
  });
}
