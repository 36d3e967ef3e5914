/** Turn a zod validation failure into a 400 problem that names each invalid field. @module */
import type { z } from "zod";
import { ApiError, type InvalidParam } from "./api-error.js";

const WHERE: Readonly<Record<string, string>> = {
  param: "path",
  query: "query",
  json: "body",
  header: "header",
};

/**
 * The 400 error for a failed validation of `target` (`query`, `param`, `json`…).
 * @example validationError("query", err).detail // "invalid query.from: must be a calendar day YYYY-MM-DD"
 */
export function validationError(target: string, error: z.ZodError): ApiError {
  const where = WHERE[target] ?? target;
  const params: InvalidParam[] = error.issues.map((i) => ({
    name: [where, ...i.path.map(String)].join("."),
    reason: i.message,
  }));
  const detail = params.map((p) => `invalid ${p.name}: ${p.reason}`).join("; ");
  return new ApiError("bad-request", detail, params);
}
