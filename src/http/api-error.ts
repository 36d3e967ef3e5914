/**
 * The one error type the HTTP layer throws on purpose: a stable code, a status and a safe detail. Every other
 * error is mapped to a generic 500 by `problem.ts`, so no stack trace, SQL or path reaches a client.
 * @module
 */
import type { ApiErrorCode, FieldProblem } from "../contracts/api/problem.schema.js";

/** A request field that failed validation. */
export interface InvalidParam {
  readonly name: string;
  readonly reason: string;
}

const STATUS: Readonly<Record<ApiErrorCode, number>> = {
  "bad-request": 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  "method-not-allowed": 405,
  conflict: 409,
  "precondition-failed": 412,
  unprocessable: 422,
  "precondition-required": 428,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "too-many-requests": 429,
  internal: 500,
  unavailable: 503,
};

const TITLE: Readonly<Record<ApiErrorCode, string>> = {
  "bad-request": "Bad request",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  "not-found": "Not found",
  "method-not-allowed": "Method not allowed",
  conflict: "Conflict",
  "precondition-failed": "Precondition failed",
  unprocessable: "Unprocessable content",
  "precondition-required": "Precondition required",
  "payload-too-large": "Payload too large",
  "unsupported-media-type": "Unsupported media type",
  "too-many-requests": "Too many requests",
  internal: "Internal server error",
  unavailable: "Service unavailable",
};

/**
 * An error with a stable code, answered as a problem document.
 * @example throw new ApiError("not-found", "no warning with id w-1")
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ApiErrorCode,
    /** Safe to show: never includes a protected field, a stack, SQL or a file path. */
    readonly detail?: string,
    readonly invalidParams?: readonly InvalidParam[],
    /** Problems of a written record, by field path; and for a 412 the stored record and its version. */
    readonly extra?: {
      readonly problems?: readonly FieldProblem[];
      readonly current?: object;
      readonly currentVersion?: string;
    },
  ) {
    super(detail ?? TITLE[code]);
    this.name = "ApiError";
    this.status = STATUS[code];
    this.title = TITLE[code];
  }
}

/** A 404 for a missing record, case or run. */
export function notFound(what: string, id: string): ApiError {
  return new ApiError("not-found", `no ${what} with id "${id}"`);
}
