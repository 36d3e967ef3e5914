/** The OpenAPI entry of the desk's read route (GET /api/cases/{caseId}/desk). @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { AlertDraftsSchema, DeskBoardSchema } from "../../contracts/api/desk.schema.js";
import { CaseParamsSchema } from "../../contracts/api/query.schema.js";
import { AuthProblemSchema } from "../../contracts/api/trust.schema.js";
import type { HttpEnv } from "../deps.js";
import { PROBLEM_RESPONSES } from "../route.js";

const refused = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: AuthProblemSchema } },
});

/** Document the desk's read routes. */
export function documentDeskRoutes(app: OpenAPIHono<HttpEnv>): void {
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/api/cases/{caseId}/warnings/drafts",
    tags: ["desk"],
    summary: "Drafts of the case's stored alerts: the playbook's recipients and actions, to review and issue",
    request: { params: CaseParamsSchema },
    responses: {
      200: {
        description: "the drafts, newest first",
        content: { "application/json": { schema: AlertDraftsSchema } },
      },
      401: refused("not signed in"),
      403: refused("the role may not issue warnings"),
      ...PROBLEM_RESPONSES,
    },
  });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/api/cases/{caseId}/desk",
    tags: ["desk"],
    summary:
      "The warning desk: open warnings by due date, per-recipient delivery and answer, overdue and escalated requests, dead letters, live scorecard",
    request: { params: CaseParamsSchema },
    responses: {
      200: { description: "the desk board", content: { "application/json": { schema: DeskBoardSchema } } },
      401: {
        description: "not signed in (private instance)",
        content: { "application/problem+json": { schema: AuthProblemSchema } },
      },
      ...PROBLEM_RESPONSES,
    },
  });
}
