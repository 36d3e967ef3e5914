/** The OpenAPI entry of the desk's read route (GET /api/cases/{caseId}/desk). @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { DeskBoardSchema } from "../../contracts/api/desk.schema.js";
import { CaseParamsSchema } from "../../contracts/api/query.schema.js";
import { AuthProblemSchema } from "../../contracts/api/trust.schema.js";
import type { HttpEnv } from "../deps.js";
import { PROBLEM_RESPONSES } from "../route.js";

/** Document the desk board route. */
export function documentDeskRoutes(app: OpenAPIHono<HttpEnv>): void {
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
