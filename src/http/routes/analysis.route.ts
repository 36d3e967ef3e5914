/**
 * The analyses of one case, each "as of" a day: assessments, alerts, the warning ledger and its gaps, the
 * naming monitor, accountability and the Genocide Convention scorecard.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { AsOfQuerySchema, CaseParamsSchema } from "../../contracts/api/query.schema.js";
import { AnalysisViewSchema } from "../../contracts/api/view.schema.js";
import { ANALYSES, runAnalysis, type AnalysisName } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { cachedOk } from "../cache/cached-answer.js";
import { getRoute } from "../route.js";

const SUMMARIES: Readonly<Record<AnalysisName, string>> = {
  assessments: "Risk assessments of the case's situations: level, indicators, risk factors, evidence",
  alerts: "Alerts: each level change with its reasons and cited evidence",
  ledger: "The warning→response ledger: who was warned, asked what, status, days open, escalations",
  gaps: "Gap figures: requested versus done, delays, mandate and capability gaps",
  naming: "The naming monitor: per actor, the terms used and when the crime was named",
  accountability: "Accountability: tribunal cases, detention before judgment, one-sidedness",
  scorecard: "The Genocide Convention scorecard: prevention and punishment duties",
};

/** Register one GET route per analysis. */
export function registerAnalyses(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  for (const name of ANALYSES) {
    const route = getRoute({
      path: `/api/cases/{caseId}/${name}`,
      tag: "analysis",
      summary: SUMMARIES[name],
      request: { params: CaseParamsSchema, query: AsOfQuerySchema },
      schema: AnalysisViewSchema,
    });
    app.openapi(route, async (c) => {
      const { caseId } = c.req.valid("param");
      const { asOf } = c.req.valid("query");
      // Cached per store version and viewer class: recomputed after any committed write.
      return cachedOk(c, deps, `${name}\u0000${caseId}\u0000${asOf ?? ""}`, () =>
        runAnalysis(deps, name, caseId, asOf),
      );
    });
  }
}
