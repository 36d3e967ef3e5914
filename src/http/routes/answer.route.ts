/**
 * The answer pages of personal links (no account): GET /answer/{token} shows the warning and a form, POST
 * records the answer. CSRF: a random per-page token in a SameSite=Strict cookie must equal the form's; the
 * personal token is one-use and bound to its warning; requests are rate-limited per address and per token.
 * Every refused link answers the same page with 404 (audited with its reason), so nothing tells a guesser why.
 * @module
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Env, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie, setCookie } from "hono/cookie";
import {
  ACTING_RESPONSES,
  REFUSAL_REASONS,
  type RefusalReason,
  type ResponseKind,
} from "../../domain/index.js";
import {
  answerPageMessage,
  checkAnswerToken,
  submitAnswer,
  type AnswerChoice,
  type Clock,
} from "../../desk/index.js";
import type { Store } from "../../storage/index.js";
import { recordAudit } from "../../storage/accounts/index.js";
import { denyRequest } from "../../security/denial-audit.js";
import { answerFormPage, answerRefusedPage, answerThanksPage } from "../answer-page.js";
import type { LiveUpdates } from "../live/live-updates.js";
import { RateWindow } from "../rate-window.js";

const CSRF_COOKIE = "__Host-tocsin_answer";

export interface AnswerRouteDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Requests per minute per client address (default 30) and per token (default 10). */
  readonly perIpPerMinute?: number;
  readonly perTokenPerMinute?: number;
  /** Told of each recorded answer (a record event on GET /api/events; ids only, never the answer's text). */
  readonly live?: LiveUpdates;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function choiceOf(form: Record<string, unknown>): AnswerChoice | undefined {
  const answer = form.answer;
  if (answer === "acknowledge") return { kind: "acknowledge" };
  if (answer === "refuse" && REFUSAL_REASONS.includes(form.reason as RefusalReason))
    return { kind: "refuse", reason: form.reason as RefusalReason };
  if (answer === "action" && ACTING_RESPONSES.includes(form.response as ResponseKind))
    return { kind: "action", response: form.response as ResponseKind };
  return undefined;
}

/** Register the answer pages on `app`. */
export function registerAnswerPages<E extends Env>(app: Hono<E>, deps: AnswerRouteDeps): void {
  const perIp = new RateWindow(deps.perIpPerMinute ?? 30, 60_000);
  const perToken = new RateWindow(deps.perTokenPerMinute ?? 10, 60_000);
  const ipOf = (req: Request) =>
    req.headers.get("x-real-ip") ?? req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
  app.use("/answer/*", bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Request too large", 413) }));
  app.use("/answer/*", async (c, next) => {
    const now = deps.clock().getTime();
    const ip = ipOf(c.req.raw);
    const token = c.req.path.split("/")[2] ?? "";
    if (!perIp.allow(`ip:${ip}`, now) || !perToken.allow(`t:${token}`, now)) {
      await recordAudit(deps.store.db, {
        at: deps.clock().toISOString(),
        actor: "answer-link",
        action: "answer.rate-limit",
        outcome: "denied",
        reason: "too many requests",
        ip,
      });
      c.header("Retry-After", "60");
      return c.text("Too many requests", 429);
    }
    c.header("Cache-Control", "no-store");
    await next();
  });

  app.get("/answer/:token", async (c) => {
    const ad = { store: deps.store, clock: deps.clock, ip: ipOf(c.req.raw) };
    const check = await checkAnswerToken(ad, c.req.param("token"));
    if (!check.ok) return c.html(answerRefusedPage(), 404);
    const message = await answerPageMessage(deps.store, check.row);
    if (!message) return c.html(answerRefusedPage(), 404);
    const csrf = randomBytes(24).toString("base64url");
    setCookie(c, CSRF_COOKIE, csrf, {
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Strict",
      maxAge: 3600,
    });
    return c.html(answerFormPage(message, csrf));
  });

  app.post("/answer/:token", async (c) => {
    const ip = ipOf(c.req.raw);
    const ad = { store: deps.store, clock: deps.clock, ip };
    const form = (await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>;
    const cookie = getCookie(c, CSRF_COOKIE);
    if (typeof form.csrf !== "string" || cookie === undefined || !sameText(form.csrf, cookie)) {
      await recordAudit(deps.store.db, {
        at: deps.clock().toISOString(),
        actor: "answer-link",
        action: "answer.csrf",
        outcome: "denied",
        reason: "missing or mismatched CSRF token",
        ip,
      });
      // Audited above with its reason: the denial audit must not write it a second time.
      denyRequest(c, { reason: "missing or mismatched CSRF token", audited: true });
      return c.html(answerRefusedPage(), 403);
    }
    const choice = choiceOf(form);
    const text = typeof form.text === "string" ? form.text.slice(0, 2000) : undefined;
    const action = typeof form.action === "string" && form.action !== "" ? form.action : undefined;
    if (!choice) return c.text("Choose an answer (and a reason for a refusal).", 400);
    const check = await checkAnswerToken(
      ad,
      c.req.param("token"),
      typeof form.warning === "string" ? form.warning : undefined,
    );
    if (!check.ok) return c.html(answerRefusedPage(), 404);
    const message = await answerPageMessage(deps.store, check.row);
    if (action !== undefined && !message?.actions.some((a: { id: string }) => a.id === action))
      return c.text("That request is not one of this warning's.", 400);
    const r = await submitAnswer(ad, c.req.param("token"), {
      choice,
      ...(action === undefined ? {} : { action }),
      ...(text === undefined ? {} : { text }),
      warning: check.row.warning_id,
    });
    if (!r.ok) return c.html(answerRefusedPage(), 404);
    deps.live?.afterWrite({
      caseId: check.row.case_id,
      kind: "response",
      id: r.response.id,
      version: null,
      op: "create",
      actor: `answer-link:${check.row.recipient_id}`,
    });
    return c.html(answerThanksPage(message?.language ?? "en"));
  });
}
