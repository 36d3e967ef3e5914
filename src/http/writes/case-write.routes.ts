/**
 * POST /api/cases (a new case; `end: null` makes it live, open-ended) and GET /api/cases/{caseId}/check (the
 * one case checker over the stored case: the same checks a case folder gets).
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { checkCase, type CaseElement } from "../../casefiles/check-case.js";
import { CaseSettingsBodySchema, CreateCaseBodySchema } from "../../contracts/api/write.schema.js";
import { RECORD_KINDS, type CaseManifest, type RecordKind, type RecordOf } from "../../domain/index.js";
import { requirePermission } from "../../security/auth.middleware.js";
import { readCase } from "../../storage/index.js";
import { createCase, setCaseSettings, storedCaseSettings } from "../../storage/writes/index.js";
import { ApiError } from "../api-error.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import { ok } from "../respond.js";
import { dayOf, invalidRecord, objectBody, writeRefusal } from "./write-support.js";

/** Register the case write and check routes. */
export function registerCaseWrites(app: OpenAPIHono<HttpEnv>, deps: HttpDeps, clock: () => Date): void {
  app.post("/api/cases", requirePermission("records:write"), async (c) => {
    const principal = c.get("principal");
    if (!principal) throw new ApiError("unauthorized");
    const parsed = CreateCaseBodySchema.safeParse(await objectBody(c));
    if (!parsed.success) throw invalidRecord(problemsOf(parsed.error.issues));
    const b = parsed.data;
    const now = clock();
    const end = b.period.end ?? dayOf(now);
    if (end < b.period.start)
      throw invalidRecord([{ path: "period.end", message: "the period ends before it starts" }]);
    const manifest: CaseManifest = {
      id: b.id,
      title: b.name,
      region: b.region ?? "unspecified",
      countries: b.countries ?? [],
      period: { from: b.period.start, to: end },
      ...(b.description !== undefined ? { description: b.description } : {}),
      sides: [],
      escalationChain: [],
      formatVersion: 2,
    };
    try {
      await createCase(deps.store, {
        manifest,
        live: b.period.end === null,
        actor: principal.userId,
        at: now.toISOString(),
        ...(b.settings ? { settings: b.settings } : {}),
      });
    } catch (e) {
      return writeRefusal(c, e);
    }
    c.header("ETag", `"${b.id}-1"`);
    return c.json({ case: manifest, live: b.period.end === null }, 201);
  });

  app.put("/api/cases/:caseId/settings", requirePermission("records:write"), async (c) => {
    const principal = c.get("principal");
    if (!principal) throw new ApiError("unauthorized");
    const parsed = CaseSettingsBodySchema.safeParse(await objectBody(c));
    if (!parsed.success) throw invalidRecord(problemsOf(parsed.error.issues));
    try {
      await setCaseSettings(
        deps.store,
        c.req.param("caseId"),
        parsed.data,
        principal.userId,
        clock().toISOString(),
      );
    } catch (e) {
      return writeRefusal(c, e);
    }
    return c.json({ settings: parsed.data }, 200);
  });

  // Read by the dashboard's case view (which shows the switch only to roles that may set it).
  app.get("/api/cases/:caseId/settings", requirePermission("records:read"), async (c) => {
    const caseId = c.req.param("caseId");
    const settings = await storedCaseSettings(deps.store, caseId);
    if (!settings) throw new ApiError("not-found", `no case with id "${caseId}"`);
    return ok(c, { settings });
  });

  app.get("/api/cases/:caseId/check", requirePermission("records:read"), async (c) => {
    const caseId = c.req.param("caseId");
    const bundle = await readCase(deps.store, caseId);
    if (!bundle) throw new ApiError("not-found", `no case with id "${caseId}"`);
    const records: Partial<Record<RecordKind, CaseElement[]>> = {};
    for (const kind of RECORD_KINDS)
      records[kind] = (bundle.records[kind] as readonly RecordOf<RecordKind>[]).map((parsed) => ({ parsed }));
    const check = checkCase({ manifest: { parsed: bundle.manifest }, records });
    return ok(c, {
      problems: check.problems.map(({ problem: p }) => ({
        path: p.field ?? "",
        message: p.message,
        record: p.recordId !== undefined ? `${p.file.replace(/\.json$/u, "")}/${p.recordId}` : p.file,
      })),
    });
  });
}

/** Zod issues as field problems (`period.end`, `countries[2]`). */
function problemsOf(issues: readonly { path: PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({
    path: i.path
      .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
      .join(".")
      .replace(/\.\[/gu, "["),
    message: i.message,
  }));
}
