/**
 * The desk's API: POST /api/cases/{caseId}/warnings/issue issues a warning (ledger record and queued deliveries
 * in one transaction; analysts and admins), GET /api/cases/{caseId}/warnings/{warningId}/deliveries lists its
 * deliveries per recipient (no address: contact points stay private), POST /api/deliveries/{id}/retry re-queues
 * a dead letter, GET /api/cases/{caseId}/warnings/drafts lists the drafts of the stored alerts (writers), GET /api/cases/{caseId}/desk answers the desk board (see analysis/ledger/desk-board.ts).
 * @module
 */
import type { Env, Hono } from "hono";
import { IssueWarningSchema } from "../../contracts/api/issue-warning.schema.js";
import { deskBoard } from "../../analysis/index.js";
import { alertDrafts, DeskError, dayOf, draftFromAlert, issueWarning, type Clock } from "../../desk/index.js";
import { requirePermission, type AuthEnv } from "../../security/auth.middleware.js";
import { deskWarnings, followupsOf, listDeliveries, retryDelivery } from "../../storage/desk/index.js";
import { readCase, type Store } from "../../storage/index.js";
import { ApiError } from "../api-error.js";
import type { LiveUpdates } from "../live/live-updates.js";
import { validationError } from "../validation.js";

export interface DeskRouteDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly deskKey: Buffer;
  /** Told of each issued warning (a record event on GET /api/events, and a live assessment). */
  readonly live?: LiveUpdates;
}

/** Register the desk routes (only with accounts: issuing needs `records:write`). */
export function registerDeskRoutes<E extends Env & AuthEnv>(app: Hono<E>, deps: DeskRouteDeps): void {
  app.post("/api/cases/:caseId/warnings/issue", requirePermission("records:write"), async (c) => {
    const body: unknown = await c.req.json().catch(() => {
      throw new ApiError("bad-request", "the body is not JSON");
    });
    const parsed = IssueWarningSchema.safeParse(body);
    if (!parsed.success) throw validationError("json", parsed.error);
    const principal = c.get("principal");
    const caseId = c.req.param("caseId");
    try {
      const { fromAlert, ...given } = parsed.data;
      const draft = fromAlert === undefined ? {} : await draftFromAlert(deps.store, caseId, fromAlert);
      const input = { ...draft, ...given, caseId };
      if (input.sender === undefined || input.recipients === undefined || input.summary === undefined)
        throw new ApiError("bad-request", "a warning needs sender, recipients and summary (or fromAlert)");
      const r = await issueWarning(input as Parameters<typeof issueWarning>[0], {
        store: deps.store,
        clock: deps.clock,
        deskKey: deps.deskKey,
        actor: principal?.userId ?? "api",
      });
      if (!r) throw new ApiError("internal", "the warning was not issued");
      deps.live?.afterWrite({
        caseId,
        kind: "warning",
        id: r.warning.id,
        version: null,
        op: "create",
        actor: principal?.userId ?? "api",
      });
      return c.json(r, 201);
    } catch (e) {
      if (e instanceof DeskError)
        throw new ApiError(
          e.code === "DESK_NOT_FOUND" ? "not-found" : "bad-request",
          e.message,
          e.problems.map((p) => ({ name: `body.${p.path}`, reason: p.message })),
        );
      throw e;
    }
  });

  app.get(
    "/api/cases/:caseId/warnings/:warningId/deliveries",
    requirePermission("records:read"),
    async (c) => {
      const rows = await listDeliveries(deps.store.db, c.req.param("caseId"), c.req.param("warningId"));
      return c.json({
        items: rows.map((r) => ({
          id: r.id,
          recipient: r.recipient_id,
          channel: r.channel,
          purpose: r.purpose,
          state: r.state,
          attempts: Number(r.attempts),
          nextAttemptAt: r.next_attempt_at,
          deliveredAt: r.delivered_at,
          receipt: r.receipt,
          lastError: r.last_error,
        })),
      });
    },
  );

  app.get("/api/cases/:caseId/warnings/drafts", requirePermission("records:write"), async (c) => {
    const caseId = c.req.param("caseId");
    if (!(await readCase(deps.store, caseId))) throw new ApiError("not-found", `no case ${caseId}`);
    return c.json({ items: await alertDrafts(deps.store, caseId) });
  });

  app.get("/api/cases/:caseId/desk", requirePermission("records:read"), async (c) => {
    const caseId = c.req.param("caseId");
    const bundle = await readCase(deps.store, caseId);
    if (!bundle) throw new ApiError("not-found", `no case ${caseId}`);
    const ids = (await deskWarnings(deps.store.db))
      .filter((p) => p.caseId === caseId)
      .map((p) => p.warningId);
    const deliveries = (await listDeliveries(deps.store.db, caseId)).map((r) => ({
      id: r.id,
      warning: r.warning_id,
      recipient: r.recipient_id,
      channel: r.channel,
      purpose: r.purpose,
      state: r.state,
      attempts: Number(r.attempts),
    }));
    const followups = (await followupsOf(deps.store.db, caseId)).map((f) => ({
      warning: f.warning_id,
      action: f.action_id,
      kind: f.kind,
      followupWarning: f.followup_warning_id,
    }));
    return c.json(deskBoard(bundle, ids, deliveries, followups, dayOf(deps.clock())));
  });

  app.post("/api/deliveries/:id/retry", requirePermission("records:write"), async (c) => {
    const ok = await retryDelivery(deps.store, c.req.param("id"), deps.clock().toISOString());
    if (!ok) throw new ApiError("not-found", "no dead or failed delivery with that id");
    return c.json({ queued: true });
  });
}
