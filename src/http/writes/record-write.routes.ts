/**
 * POST, PUT and DELETE of records: `/api/cases/{caseId}/records/{kind}[/{id}]`. Each write is checked by the
 * one case checker against the stored case (every problem by field path, nothing written), then committed in
 * one transaction (version check, kept versions, log, audit). Confidential sources are for source-handlers.
 * @module
 */
import type { Context } from "hono";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { checkRecordWrite } from "../../casefiles/check-write.js";
import type { CaseBundle, RecordKind } from "../../domain/index.js";
import { allowed, requirePermission } from "../../security/auth.middleware.js";
import { denyRequest } from "../../security/denial-audit.js";
import {
  currentRow,
  findIdempotentAnswer,
  requestHash,
  writeRecord,
  type IdempotencyClaim,
  type PreparedWrite,
} from "../../storage/writes/index.js";
import { ApiError } from "../api-error.js";
import { cachedBundleAt } from "../data.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import {
  backfillProblems,
  dayOf,
  etag,
  ifMatchVersion,
  invalidRecord,
  kindOf,
  objectBody,
  prepareBody,
  protectedValues,
  scrub,
  writeRefusal,
} from "./write-support.js";

type C = Context<HttpEnv>;

/** Refuse (403, audited) a write touching a confidential source by anyone but a source-handler with TOTP. */
function guardConfidential(
  c: C,
  kind: RecordKind,
  body: Record<string, unknown> | undefined,
  stored: boolean,
): void {
  const touches =
    stored || (kind === "source" && (body?.confidential === true || body?.protectedIdentity !== undefined));
  if (!touches || allowed(c.get("principal"), "sources:protected:write")) return;
  denyRequest(c, { reason: "writing a confidential source needs sources:protected:write" });
  throw new ApiError(
    "forbidden",
    "only a source-handler (signed in with a second factor) writes confidential sources",
  );
}

/** Register the record write routes. */
export function registerRecordWrites(app: OpenAPIHono<HttpEnv>, deps: HttpDeps, clock: () => Date): void {
  const store = deps.store;
  const write = requirePermission("records:write");

  /**
   * The check of a create or update body, run by writeRecord against the case as locked in the write's
   * transaction (so no concurrent write can slip between the check and the commit): every problem of the record
   * by field path (400, nothing written), else the parsed record and its backfill reason.
   */
  function checkBody(kind: RecordKind, id: string, raw: Record<string, unknown>) {
    const today = dayOf(clock());
    const { record: body, backfillReason } = prepareBody(raw, today);
    return (base: CaseBundle): PreparedWrite => {
      const check = checkRecordWrite(base, { kind, id, raw: body });
      const backfill = check.record
        ? backfillProblems(check.record.knownAt, today, backfillReason)
        : { problems: [] };
      const problems = [...check.problems, ...backfill.problems];
      if (problems.length > 0 || !check.record)
        throw invalidRecord(scrub(problems, protectedValues(kind, raw)));
      return { record: check.record, backfillReason: "reason" in backfill ? backfill.reason : undefined };
    };
  }

  const told = (
    caseId: string,
    kind: RecordKind,
    id: string,
    version: string | undefined,
    op: "create" | "update" | "delete",
    actor: string,
  ) => deps.live?.afterWrite({ caseId, kind, id, version: version ?? null, op, actor });

  app.post("/api/cases/:caseId/records/:kind", write, async (c) => {
    const principal = c.get("principal");
    if (!principal) throw new ApiError("unauthorized");
    const caseId = c.req.param("caseId");
    const kind = kindOf(c.req.param("kind"));
    const raw = await objectBody(c);
    guardConfidential(c, kind, raw, false);
    const key = c.req.header("Idempotency-Key")?.trim();
    let claim: IdempotencyClaim | undefined;
    if (key) {
      if (key.length > 200) throw new ApiError("bad-request", "Idempotency-Key is at most 200 characters");
      const scope = `POST /api/cases/${caseId}/records/${kind}`;
      claim = { userId: principal.userId, key, scope, requestHash: requestHash(scope, raw) };
      const prior = await findIdempotentAnswer(store.db, claim);
      if (prior && !prior.sameRequest)
        throw new ApiError("unprocessable", "this Idempotency-Key was used for a different request");
      if (prior) {
        if (prior.etag) c.header("ETag", etag(prior.etag));
        return c.json(prior.body as object, prior.status as 201);
      }
    }
    const id = typeof raw.id === "string" ? raw.id : "";
    const check = checkBody(kind, id, raw);
    try {
      const r = await writeRecord(store, {
        caseId,
        kind,
        id,
        op: "create",
        baseAt: (v) => cachedBundleAt(deps, caseId, v),
        prepare: (base) => {
          if (
            Object.values(base.records).some((list: readonly { id: string }[]) =>
              list.some((x) => x.id === id),
            )
          )
            throw new ApiError(
              "conflict",
              `a record with id "${id}" exists in this case (ids are unique within a case)`,
            );
          return check(base);
        },
        actor: principal.userId,
        at: clock().toISOString(),
        ...(claim ? { idempotency: claim } : {}),
      });
      told(caseId, kind, id, r.version, "create", principal.userId);
      c.header("ETag", etag(r.version ?? ""));
      return c.json({ record: r.record, version: r.version }, 201);
    } catch (e) {
      // A retry that raced the first request: the first answer is kept now.
      if (claim) {
        const prior = await findIdempotentAnswer(store.db, claim);
        if (prior?.sameRequest) return c.json(prior.body as object, prior.status as 201);
      }
      return writeRefusal(c, e);
    }
  });

  app.put("/api/cases/:caseId/records/:kind/:id", write, async (c) => {
    const principal = c.get("principal");
    if (!principal) throw new ApiError("unauthorized");
    const caseId = c.req.param("caseId");
    const kind = kindOf(c.req.param("kind"));
    const id = c.req.param("id");
    const expected = ifMatchVersion(c);
    const raw = await objectBody(c);
    const cur = await currentRow(store.db, caseId, kind, id);
    if (!cur) throw new ApiError("not-found", `no ${kind} with id "${id}" in case "${caseId}"`);
    guardConfidential(c, kind, raw, cur.confidential);
    if (raw.id !== undefined && raw.id !== id)
      throw invalidRecord([{ path: "id", message: `the body's id must be the path's ("${id}")` }]);
    const check = checkBody(kind, id, { ...raw, id });
    try {
      const r = await writeRecord(store, {
        caseId,
        kind,
        id,
        op: "update",
        baseAt: (v) => cachedBundleAt(deps, caseId, v),
        prepare: check,
        expectedVersion: expected,
        actor: principal.userId,
        at: clock().toISOString(),
      });
      told(caseId, kind, id, r.version, "update", principal.userId);
      c.header("ETag", etag(r.version ?? ""));
      return c.json({ record: r.record, version: r.version }, 200);
    } catch (e) {
      return writeRefusal(c, e);
    }
  });

  app.delete("/api/cases/:caseId/records/:kind/:id", write, async (c) => {
    const principal = c.get("principal");
    if (!principal) throw new ApiError("unauthorized");
    const caseId = c.req.param("caseId");
    const kind = kindOf(c.req.param("kind"));
    const id = c.req.param("id");
    const expected = ifMatchVersion(c);
    const cur = await currentRow(store.db, caseId, kind, id);
    if (!cur) throw new ApiError("not-found", `no ${kind} with id "${id}" in case "${caseId}"`);
    guardConfidential(c, kind, undefined, cur.confidential);
    try {
      await writeRecord(store, {
        caseId,
        kind,
        id,
        op: "delete",
        // Nothing may still refer to the record, as the case stands when the delete holds its lock.
        baseAt: (v) => cachedBundleAt(deps, caseId, v),
        prepare: (base) => {
          const problems = checkRecordWrite(base, { kind, id }).problems;
          if (problems.length > 0)
            throw new ApiError(
              "conflict",
              "other records still refer to this one; nothing was deleted",
              undefined,
              { problems },
            );
          return {};
        },
        expectedVersion: expected,
        actor: principal.userId,
        at: clock().toISOString(),
      });
      told(caseId, kind, id, undefined, "delete", principal.userId);
      return c.body(null, 204);
    } catch (e) {
      return writeRefusal(c, e);
    }
  });
}
