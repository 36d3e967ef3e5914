/** The RFC 9457 problem document every API error answers with, plus Tocsin's stable `code`. @module */
import { z } from "zod";

/** Stable error codes of the HTTP API; clients branch on these, never on `title` or `detail`. */
export const API_ERROR_CODES = [
  "bad-request",
  "not-found",
  "method-not-allowed",
  "conflict",
  "precondition-failed",
  "payload-too-large",
  "unsupported-media-type",
  "unprocessable",
  "precondition-required",
  "unauthorized",
  "forbidden",
  "too-many-requests",
  "internal",
  "unavailable",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One invalid field of a request: where it is (`query.from`, `path.kind`) and what is wrong with it. */
export const InvalidParamSchema = z
  .object({ name: z.string(), reason: z.string() })
  .meta({ id: "InvalidParam", description: "A request field that failed validation" });

/** One problem of a written record: its field path (`citations[0].source`) and, outside it, the record it is in. */
export const FieldProblemSchema = z
  .object({
    path: z.string(),
    message: z.string(),
    record: z.string().optional().describe("`file/id` of another record the write would break"),
  })
  .meta({ id: "FieldProblem", description: "A problem of a written record, by field path" });
export type FieldProblem = z.infer<typeof FieldProblemSchema>;

/**
 * An `application/problem+json` document (RFC 9457).
 * @example { type: "https://tocsin.dev/problems/not-found", title: "Not found", status: 404, code: "not-found" }
 */
export const ProblemSchema = z
  .object({
    type: z.string().describe("URI naming the problem type"),
    title: z.string().describe("short, human-readable summary of the problem type"),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional().describe("explanation specific to this occurrence"),
    instance: z.string().optional().describe("the request path that caused it"),
    code: z.enum(API_ERROR_CODES).describe("stable machine-readable code"),
    invalidParams: z.array(InvalidParamSchema).optional(),
    problems: z
      .array(FieldProblemSchema)
      .optional()
      .describe("every problem of a written record (validation, references, dates), by field path"),
    current: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("412: the record as stored now (without any protected field)"),
    currentVersion: z.string().optional().describe("412: the version of `current`"),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });
export type Problem = z.infer<typeof ProblemSchema>;
