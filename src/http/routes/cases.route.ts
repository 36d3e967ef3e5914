/** GET /api/cases, /api/cases/{caseId} and its timeline. @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { CaseParamsSchema, TimelineQuerySchema } from "../../contracts/api/query.schema.js";
import { CaseDetailSchema, CaseSummarySchema, TimelineSchema } from "../../contracts/api/view.schema.js";
import { caseDetail, caseList, caseTimeline } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { ok } from "../respond.js";
import { cachedOk } from "../cache/cached-answer.js";
import { getRoute } from "../route.js";

const list = getRoute({
  path: "/api/cases",
  tag: "cases",
  summary: "List the cases in the store",
  schema: z.object({ items: z.array(CaseSummarySchema) }),
});

const one = getRoute({
  path: "/api/cases/{caseId}",
  tag: "cases",
  summary: "One case: its manifest and how many records of each kind it holds",
  request: { params: CaseParamsSchema },
  schema: CaseDetailSchema,
});

const timeline = getRoute({
  path: "/api/cases/{caseId}/timeline",
  tag: "cases",
  summary: "The case's records in time order, by lane",
  request: { params: CaseParamsSchema, query: TimelineQuerySchema },
  schema: TimelineSchema,
});

/** Register the case routes. */
export function registerCases(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  app.openapi(list, async (c) => ok(c, { items: await caseList(deps.store) }));
  app.openapi(one, async (c) => ok(c, await caseDetail(deps.store, c.req.valid("param").caseId)));
  app.openapi(timeline, async (c) => {
    const { caseId } = c.req.valid("param");
    const q = c.req.valid("query");
    return cachedOk(c, deps, `timeline\u0000${caseId}\u0000${q.from ?? ""}\u0000${q.to ?? ""}`, () =>
      caseTimeline(deps, caseId, q),
    );
  });
}
