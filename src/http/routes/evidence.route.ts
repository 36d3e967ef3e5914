/**
 * `GET /api/cases/{caseId}/evidence?situation=&criterion=&condition=&from=&to=&limit=&cursor=`: every record a
 * criterion counts for a situation over a window of event days — what an alert cites by reference beyond the
 * few records it carries — a page at a time.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { EvidencePageSchema, EvidenceQuerySchema } from "../../contracts/api/evidence.schema.js";
import { CaseParamsSchema } from "../../contracts/api/query.schema.js";
import { EvidenceQueryError, queryEvidence } from "../../storage/index.js";
import { ApiError, notFound } from "../api-error.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { ok } from "../respond.js";
import { getRoute } from "../route.js";

/** Register the evidence query. */
export function registerEvidence(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  const route = getRoute({
    path: "/api/cases/{caseId}/evidence",
    tag: "analysis",
    summary: "The records a criterion counts for a situation over a window of event days, paginated",
    request: { params: CaseParamsSchema, query: EvidenceQuerySchema },
    schema: EvidencePageSchema,
  });
  app.openapi(route, async (c) => {
    const { caseId } = c.req.valid("param");
    const q = c.req.valid("query");
    const rulebook = deps.analysis?.rulebook;
    if (rulebook === undefined)
      throw new ApiError("unavailable", "the engine has no rulebook on this server");
    try {
      const page = await queryEvidence(
        deps.store,
        rulebook,
        {
          caseId,
          situation: q.situation,
          criterion: q.criterion,
          to: q.to,
          limit: q.limit,
          ...(q.condition === undefined ? {} : { condition: q.condition }),
          ...(q.from === undefined ? {} : { from: q.from }),
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
        },
        deps.analysis?.lexicon,
      );
      if (page === undefined) throw notFound("case", caseId);
      return ok(c, page);
    } catch (e) {
      if (!(e instanceof EvidenceQueryError)) throw e;
      const name =
        e.code === "BAD_CURSOR" ? "cursor" : e.code === "UNKNOWN_CONDITION" ? "condition" : "criterion";
      throw new ApiError("bad-request", e.message, [{ name, reason: e.message }]);
    }
  });
}
