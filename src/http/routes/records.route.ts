/** GET /api/records/{kind} (filtered, paginated) and /api/records/{kind}/{id} (with its graded sources). @module */
import type { OpenAPIHono } from "@hono/zod-openapi";
import {
  KindParamsSchema,
  ListRecordsQuerySchema,
  RecordParamsSchema,
  RecordQuerySchema,
} from "../../contracts/api/query.schema.js";
import { RecordDetailSchema, RecordPageSchema } from "../../contracts/api/view.schema.js";
import { recordDetail, recordPage } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { ok } from "../respond.js";
import { getRoute } from "../route.js";
import { currentRow } from "../../storage/writes/index.js";

const list = getRoute({
  path: "/api/records/{kind}",
  tag: "records",
  summary: "List records of one kind, filtered by case, actor, date window and text, one page at a time",
  request: { params: KindParamsSchema, query: ListRecordsQuerySchema },
  schema: RecordPageSchema,
});

const one = getRoute({
  path: "/api/records/{kind}/{id}",
  tag: "records",
  summary: "One record, with the sources it cites and their grading",
  request: { params: RecordParamsSchema, query: RecordQuerySchema },
  schema: RecordDetailSchema,
});

/** Register the record routes. */
export function registerRecords(app: OpenAPIHono<HttpEnv>, deps: HttpDeps): void {
  app.openapi(list, async (c) =>
    ok(c, await recordPage(deps.store, c.req.valid("param").kind, c.req.valid("query"))),
  );
  app.openapi(one, async (c) => {
    const { kind, id } = c.req.valid("param");
    const caseId = c.req.valid("query").case;
    const detail = await recordDetail(deps.store, kind, id, caseId);
    // The version a PUT or DELETE names in If-Match (issue 15).
    const current = await currentRow(deps.store.db, caseId, kind, id);
    if (current) c.header("ETag", `"${current.version}"`);
    return ok(c, detail);
  });
}
