/**
 * The analyses of one case, each "as of" a day: assessments, alerts, the warning ledger and its gaps, the
 * naming monitor, accountability and the Genocide Convention scorecard.
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { AsOfQuerySchema, CaseParamsSchema } from "../../contracts/api/query.schema.js";
import { AlertsViewSchema, AnalysisViewSchema } from "../../contracts/api/view.schema.js";
import { ANALYSES, runAnalysis, type AnalysisName } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { cachedOk } from "../cache/cached-answer.js";
import { getRoute } from "../route.js";

const SUMMARIES: Readonly<Record<AnalysisName, string>> = {
  assessments: "Risk assessments of the case's situations: level, indicators, risk factors, evidence",
  alerts:
    "Alerts: each level change with its reasons and cited evidence, and the alerts the live assessment stored",
  ledger: "The warning→response ledger: who was warned, asked what, status, days open, escalations",
  gaps: "Gap figures: requested versus done, delays, mandate and capability gaps",
  naming: "The naming monitor: per actor, the terms used and when the crime was named",
  accountability: "Accountability: tribunal cases, detention before judgment, one-sidedness",
  scorecard: "The Genocide Convention scorecard: prevention and punishment duties",
};

const DESCRIPTIONS: Partial<Readonly<Record<AnalysisName, string>>> = {
  alerts:
    "`alerts` are the level changes up to `asOf`, replayed with the server's rulebook (or, without one, as an " +
    "engine run stored them). `liveAlerts` are the alerts the live assessment stored after writes (run `live`), " +
    "each with its run, the time it was raised and the criterion its level meets; they are filtered by `asOf` " +
    "only when the request names one. Citations to confidential sources are redacted in both lists.",
};

/** Register one GET route per analysis. */
export function registerAnalyses(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  for (const name of ANALYSES) {
    const route = getRoute({
      path: `/api/cases/{caseId}/${name}`,
      tag: "analysis",
      summary: SUMMARIES[name],
      ...(DESCRIPTIONS[name] ? { description: DESCRIPTIONS[name] } : {}),
      request: { params: CaseParamsSchema, query: AsOfQuerySchema },
      schema: name === "alerts" ? AlertsViewSchema : AnalysisViewSchema,
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
