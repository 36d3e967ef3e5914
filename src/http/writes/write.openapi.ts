/**
 * The OpenAPI entries of the write API (issue 15), from the zod schemas of src/contracts/api/write.schema.ts:
 * cases, record create/replace/delete, the case check, /auth/me and the event stream.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { AuthProblemSchema } from "../../contracts/api/trust.schema.js";
import { ProblemSchema } from "../../contracts/api/problem.schema.js";
import {
  CaseCheckSchema,
  CaseSettingsBodySchema,
  CreateCaseBodySchema,
  MeSchema,
  RecordBodySchema,
  WriteParamsSchema,
  WriteRecordParamsSchema,
  WriteResultSchema,
} from "../../contracts/api/write.schema.js";
import { CaseParamsSchema } from "../../contracts/api/query.schema.js";
import type { HttpEnv } from "../deps.js";
import { PROBLEM_RESPONSES } from "../route.js";

const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { "application/json": { schema } },
});
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});
const refusals = {
  401: {
    description: "not signed in",
    content: { "application/problem+json": { schema: AuthProblemSchema } },
  },
  403: {
    description: "the role may not write this",
    content: { "application/problem+json": { schema: AuthProblemSchema } },
  },
} as const;
const body = (schema: z.ZodType) => ({
  body: { required: true, content: { "application/json": { schema } } },
});
const ifMatch = z.object({
  "If-Match": z.string().meta({ description: 'the ETag of the version being replaced ("…")' }),
});

/** Document the write routes. */
export function documentWriteRoutes(app: OpenAPIHono<HttpEnv>): void {
  const r = app.openAPIRegistry;
  r.registerPath({
    method: "post",
    path: "/api/cases",
    tags: ["writes"],
    summary: "Create a case (period end null: a live, open-ended case)",
    request: body(CreateCaseBodySchema),
    responses: {
      201: json(
        "the case's manifest",
        z.object({ case: z.record(z.string(), z.unknown()), live: z.boolean() }),
      ),
      409: problem("a case with this id exists"),
      ...refusals,
      ...PROBLEM_RESPONSES,
    },
  });
  r.registerPath({
    method: "get",
    path: "/api/cases/{caseId}/settings",
    tags: ["writes"],
    summary: "A case's settings (the defaults when none were set)",
    request: { params: CaseParamsSchema },
    responses: {
      200: json("the settings", z.object({ settings: CaseSettingsBodySchema })),
      ...refusals,
      ...PROBLEM_RESPONSES,
    },
  });
  r.registerPath({
    method: "put",
    path: "/api/cases/{caseId}/settings",
    tags: ["writes"],
    summary:
      "Set a case's settings (autoIssueWarnings: issue the live assessment's alerts as warnings at once)",
    request: { params: CaseParamsSchema, ...body(CaseSettingsBodySchema) },
    responses: {
      200: json("the settings as stored", z.object({ settings: CaseSettingsBodySchema })),
      ...refusals,
      ...PROBLEM_RESPONSES,
    },
  });
  r.registerPath({
    method: "post",
    path: "/api/cases/{caseId}/records/{kind}",
    tags: ["writes"],
    summary: "Create a record (Idempotency-Key: a retry returns the first answer)",
    request: {
      params: WriteParamsSchema,
      headers: z.object({ "Idempotency-Key": z.string().optional() }),
      ...body(RecordBodySchema),
    },
    responses: {
      201: json("the record as stored and its version (also in ETag)", WriteResultSchema),
      409: problem("a record with this id exists in the case"),
      422: problem("the Idempotency-Key was used for another request"),
      ...refusals,
      ...PROBLEM_RESPONSES,
    },
  });
  r.registerPath({
    method: "put",
    path: "/api/cases/{caseId}/records/{kind}/{id}",
    tags: ["writes"],
    summary: "Replace a record (If-Match required)",
    request: { params: WriteRecordParamsSchema, headers: ifMatch, ...body(RecordBodySchema) },
    responses: {
      200: json("the record as stored and its new version", WriteResultSchema),
      412: problem("the record changed: `current` and `currentVersion` are the stored ones"),
      428: problem("If-Match is missing"),
      ...refusals,
      ...PROBLEM_RESPONSES,
    },
  });
  r.registerPath({
    method: "delete",
    path: "/api/cases/{caseId}/records/{kind}/{id}",
    tags: ["writes"],
    summary: "Delete a record (soft: its last version is kept; If-Match required)",
    request: { params: WriteRecordParamsSchema, headers: ifMatch },
    responses: {
      204: { description: "deleted" },
      409: problem("other records still refer to it (`problems` names them)"),
      412: problem("the record changed"),
      428: problem("If-Match is missing"),
      ...refusals,
      ...PROBLEM_RESPONSES,
    },
  });
  r.registerPath({
    method: "get",
    path: "/api/cases/{caseId}/check",
    tags: ["writes"],
    summary: "The case checker's problems over the stored case (the checks a case folder gets)",
    request: { params: CaseParamsSchema },
    responses: { 200: json("every problem", CaseCheckSchema), ...PROBLEM_RESPONSES },
  });
  r.registerPath({
    method: "get",
    path: "/auth/me",
    tags: ["auth"],
    summary: "Who is signed in",
    responses: { 200: json("the user and when the session ends", MeSchema), 401: refusals[401] },
  });
  r.registerPath({
    method: "get",
    path: "/api/events",
    tags: ["writes"],
    summary: "Server-sent events: `record` after each write, `alert` when a live assessment changes a level",
    responses: {
      200: { description: "an event stream", content: { "text/event-stream": { schema: z.string() } } },
      401: refusals[401],
      ...PROBLEM_RESPONSES,
    },
  });
}
