// The authorisation matrix, generated from the router: every route the Hono app registers × every role
// (anonymous, viewer, analyst, source-handler, admin) × both instance modes must have an expected answer in
// EXPECTED below — a new route without a row fails. Every refusal (401, 403, and an object-level 404) must be in
// the audit trail exactly once, with its fields, and no credential. Then object-level checks (a forbidden id
// answers exactly like a missing one), hostile CR/LF input against the audit trail, and the error answers (no
// stack trace, SQL or file path in any 4xx/5xx). Runs on SQLite and, with TOCSIN_TEST_PG, on PostgreSQL.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstanceMode } from "../../src/http/http-security.js";
import { decodeAuditLine, type AuditEvent } from "../../src/security/audit-line.js";
import { createApiToken } from "../../src/storage/accounts/index.js";
import { latestCheckpoint } from "../../src/storage/log/index.js";
import { CASE_ID, rwandaBundle } from "../http/http-fixture.js";
import {
  NOW,
  noticePgSkipped,
  ROLES_UNDER_TEST,
  revealRequest,
  TRUST_DIALECTS,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "./trust-fixture.js";

noticePgSkipped("authz-matrix");

type Row = Readonly<Record<RoleUnderTest, number>>;
const all = (n: number): Row => ({
  anonymous: n,
  viewer: n,
  analyst: n,
  "source-handler": n,
  admin: n,
});
/** Readable by everyone in a public instance; a session is needed in a private one. */
const READ = { public: all(200), private: { ...all(200), anonymous: 401 } };
const logRead: Row = { anonymous: 401, viewer: 403, analyst: 200, "source-handler": 200, admin: 200 };
const handlerOnly = (ok: number): Row => ({
  anonymous: 401,
  viewer: 403,
  analyst: 403,
  "source-handler": ok,
  admin: 403,
});

const write = (ok: number): Row => ({
  anonymous: 401,
  viewer: 403,
  analyst: ok,
  "source-handler": ok,
  admin: ok,
});
/** Any signed-in role (the event stream, who am I, the case check), in either mode. */
const signedIn: Row = { ...all(200), anonymous: 401 };

/** `METHOD path` (as the router holds it) → expected status per role, per mode. */
const EXPECTED: Readonly<Record<string, { public: Row; private: Row }>> = {
  "GET /api/health": { public: all(200), private: all(200) },
  "GET /api/overview": READ,
  "GET /api/cases": READ,
  "GET /api/cases/:caseId": READ,
  "GET /api/cases/:caseId/timeline": READ,
  "GET /api/records/:kind": READ,
  "GET /api/records/:kind/:id": READ,
  "GET /api/cases/:caseId/assessments": READ,
  "GET /api/cases/:caseId/alerts": READ,
  "GET /api/cases/:caseId/ledger": READ,
  "GET /api/cases/:caseId/evidence": READ,
  "GET /api/cases/:caseId/gaps": READ,
  "GET /api/cases/:caseId/naming": READ,
  "GET /api/cases/:caseId/accountability": READ,
  "GET /api/cases/:caseId/scorecard": READ,
  "GET /api/forecasts": READ,
  // No run is stored: a signed-in caller learns only that it is missing.
  "GET /api/forecasts/:runId": { public: all(404), private: { ...all(404), anonymous: 401 } },
  "GET /api/openapi.json": READ,
  // Wrong credentials for everyone: the same 401 whoever asks; login stays open in a private instance.
  "POST /auth/login": { public: all(401), private: all(401) },
  "POST /auth/logout": { public: all(204), private: all(204) },
  "GET /api/log/checkpoint": READ,
  "GET /api/log/consistency": READ,
  "GET /api/log/inclusion/:leaf": { public: logRead, private: logRead },
  "POST /api/reveal-requests": { public: handlerOnly(201), private: handlerOnly(201) },
  "POST /api/reveal-requests/:id/approve": { public: handlerOnly(200), private: handlerOnly(200) },
  "POST /api/reveal-requests/:id/reveal": { public: handlerOnly(200), private: handlerOnly(200) },
  // The dashboard's static shell holds no data: a private instance serves it to anyone, so its sign-in page loads.
  "GET /": { public: all(200), private: all(200) },
  "GET /assets/*": { public: all(200), private: all(200) },
  "GET /favicon.svg": { public: all(200), private: all(200) },
  // The write API (issue 15): records:write for analysts, source-handlers and admins; never a viewer.
  "POST /api/cases": { public: write(201), private: write(201) },
  "POST /api/cases/:caseId/records/:kind": { public: write(201), private: write(201) },
  "PUT /api/cases/:caseId/records/:kind/:id": { public: write(200), private: write(200) },
  "DELETE /api/cases/:caseId/records/:kind/:id": { public: write(204), private: write(204) },
  "PUT /api/cases/:caseId/settings": { public: write(200), private: write(200) },
  // Reading a case's settings (the dashboard's switch shows them): any signed-in role.
  "GET /api/cases/:caseId/settings": { public: signedIn, private: signedIn },
  "GET /api/cases/:caseId/check": { public: signedIn, private: signedIn },
  "GET /api/events": { public: signedIn, private: signedIn },
  "GET /auth/me": { public: signedIn, private: signedIn },
  // The warning desk (issue 16): issuing and retrying need records:write; its reads need a signed-in role (they
  // name the duty-bearers warned and how each answered). No delivery has the matrix's id: 404 for writers.
  "POST /api/cases/:caseId/warnings/issue": { public: write(201), private: write(201) },
  "GET /api/cases/:caseId/warnings/:warningId/deliveries": { public: signedIn, private: signedIn },
  "POST /api/deliveries/:id/retry": { public: write(404), private: write(404) },
  "GET /api/cases/:caseId/desk": { public: signedIn, private: signedIn },
  "GET /api/cases/:caseId/warnings/drafts": { public: write(200), private: write(200) },
  // The answer page needs no account (its token is the credential): an unknown token is refused alike for all,
  // and an answer posted without the page's CSRF token is refused before the token is looked at.
  "GET /answer/:token": { public: all(404), private: all(404) },
  "POST /answer/:token": { public: all(403), private: all(403) },
};

const CONFIDENTIAL = "src-confidential-1994-01";
const MISSING_ID = "00000000-0000-0000-0000-000000000000";
const LEAK = [
  /\n\s+at\s/u, // stack frame
  /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/u,
  /SQLITE_|sqlite3?|better-sqlite/iu,
  /postgres|\bpg_|relation "|syntax error at|duplicate key value|violates .* constraint/iu,
  /\/(work|tmp|home|root|usr)\//u,
  /\.(ts|js|mjs):\d+/u,
  /node_modules/u,
];
/** Line breaks of any reader (LF, VT, FF, CR, FS, GS, RS, NEL, LS, PS): an audit line must hold none but its final "\n". */
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);
const LINE_BREAK = { test: (line: string) => [...line].some((ch) => LINE_BREAKS.has(ch.charCodeAt(0))) };

/** The routes the app registers (middleware `ALL` entries left out), as `METHOD path`. */
function routesOf(app: ReturnType<TrustFixture["app"]>): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
}

/** The audit trail's rows after `seq`, each with its raw line and the event decoded from it. */
async function auditAfter(
  f: TrustFixture,
  seq: number,
): Promise<{ seq: number; line: string; event: AuditEvent }[]> {
  const rows = (await f.store.db
    .selectFrom("audit_events" as never)
    .select(["seq", "line"] as never)
    .where("seq" as never, ">", seq as never)
    .orderBy("seq" as never)
    .execute()) as { seq: number | string; line: string }[];
  return rows.map((r) => ({
    seq: Number(r.seq),
    line: r.line,
    event: decodeAuditLine(r.line) ?? ({ at: "", actor: "", action: "undecodable" } as AuditEvent),
  }));
}

async function lastSeq(f: TrustFixture): Promise<number> {
  const r = (await f.store.db
    .selectFrom("audit_events" as never)
    .select((eb) => eb.fn.max("seq" as never).as("max"))
    .executeTakeFirst()) as { max: number | string | null } | undefined;
  return r?.max === null || r?.max === undefined ? -1 : Number(r.max);
}

/** The first chunk of an event stream (which never ends by itself), then the stream is closed. */
async function firstChunk(res: Response): Promise<string> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

const refusals = (rows: { event: AuditEvent }[]) =>
  rows.filter((r) => r.event.outcome === "denied" || r.event.outcome === "failed");

describe.each(TRUST_DIALECTS)("authorisation on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let treeSize = 0;
  let incidentId = "";
  let asset = "";

  beforeAll(async () => {
    if (skip) return;
    const bundle = await rwandaBundle();
    incidentId = bundle.records.incident[0]?.id ?? "";
    f = await trustFixture(bundle, dialect);
    treeSize = Number((await latestCheckpoint(f.store.db))?.tree_size ?? 0);
    const assets = readdirSync(join(import.meta.dirname, "..", "..", "web", "dist", "assets"));
    asset = assets[0] ?? "none.js";
  }, 120_000);
  afterAll(async () => f?.close());

  const actorOf = (role: RoleUnderTest) => (role === "anonymous" ? "anonymous" : f.principal[role].userId);

  let written = 0;
  /** A group written by the analyst (to be replaced or deleted by the role under test) and its ETag. */
  async function freshGroup(app: ReturnType<TrustFixture["app"]>): Promise<{ url: string; etag: string }> {
    const group = { ...(await groupBody()), id: `grp-authz-${(written += 1)}` };
    const res = await app.request(`/api/cases/${CASE_ID}/records/groups`, {
      method: "POST",
      headers: { Cookie: f.cookie.analyst ?? "", "Content-Type": "application/json" },
      body: JSON.stringify(group),
    });
    expect(res.status).toBe(201);
    return { url: `/api/cases/${CASE_ID}/records/groups/${group.id}`, etag: res.headers.get("ETag") ?? "" };
  }
  let groupBase: Record<string, unknown> | undefined;
  async function groupBody(): Promise<Record<string, unknown>> {
    if (groupBase) return groupBase;
    const bundle = await rwandaBundle();
    const g = bundle.records.group[0];
    const source = bundle.records.source.find((s) => !s.confidential)?.id ?? "";
    return (groupBase = {
      kind: g?.kind,
      countries: g?.countries,
      name: "A group written by the matrix",
      occurredAt: NOW.toISOString().slice(0, 10),
      citations: [{ source, locator: "p. 1" }],
    });
  }

  /** A concrete request for a route, with real ids (and, for reveal steps, a request fit for `role`). */
  async function requestFor(
    key: string,
    role: RoleUnderTest,
    app: ReturnType<TrustFixture["app"]>,
  ): Promise<{ url: string; init: RequestInit }> {
    const [method, path] = key.split(" ") as [string, string];
    const cookieOf = f.cookie[role];
    const json = (url: string, body: unknown, extra: Record<string, string> = {}) => ({
      url,
      init: {
        method,
        headers: { ...(cookieOf ? { Cookie: cookieOf } : {}), "Content-Type": "application/json", ...extra },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      },
    });
    if (key === "POST /api/cases")
      return json("/api/cases", {
        id: `authz-case-${(written += 1)}`,
        name: "A case written by the matrix",
        period: { start: "2031-01-01", end: null },
      });
    if (key === "POST /api/cases/:caseId/warnings/issue") {
      const actors = (await rwandaBundle()).records.actor;
      return json(`/api/cases/${CASE_ID}/warnings/issue`, {
        id: `w-authz-${(written += 1)}`,
        sender: actors[0]?.id,
        recipients: [actors[1]?.id],
        summary: "A warning issued by the matrix",
      });
    }
    if (key === "POST /api/cases/:caseId/records/:kind")
      return json(`/api/cases/${CASE_ID}/records/groups`, {
        ...(await groupBody()),
        id: `grp-authz-${(written += 1)}`,
      });
    if (
      key === "PUT /api/cases/:caseId/records/:kind/:id" ||
      key === "DELETE /api/cases/:caseId/records/:kind/:id"
    ) {
      const g = await freshGroup(app);
      const body = method === "PUT" ? { ...(await groupBody()), name: "Renamed by the matrix" } : undefined;
      return json(g.url, body, { "If-Match": g.etag });
    }
    if (key === "PUT /api/cases/:caseId/settings")
      return json(`/api/cases/${CASE_ID}/settings`, { autoIssueWarnings: false });
    const handler = f.principal["source-handler"];
    let url = path
      .replace(":caseId", CASE_ID)
      .replace(":kind/:id", `incident/${incidentId}`)
      .replace(":kind", "incident")
      .replace(":runId", "no-such-run")
      .replace(":leaf", "0")
      .replace(":warningId", "w-authz-1")
      .replace("/deliveries/:id", `/deliveries/${MISSING_ID}`)
      .replace(":token", "not-a-real-token")
      .replace("/assets/*", `/assets/${asset}`);
    if (path === "/api/log/consistency") url += `?from=${treeSize}&to=${treeSize}`;
    if (path === "/api/cases/:caseId/evidence")
      url += "?situation=RWA%2Ftutsi&criterion=high-organised-violence&to=1994-04-30";
    let body: unknown;
    if (path === "/api/reveal-requests")
      body = { caseId: CASE_ID, sourceId: CONFIDENTIAL, reason: "court disclosure order 12" };
    if (path === "/api/reveal-requests/:id/approve")
      url = url.replace(":id", await revealRequest(f, f.secondHandler, CASE_ID, CONFIDENTIAL));
    if (path === "/api/reveal-requests/:id/reveal")
      url = url.replace(":id", await revealRequest(f, handler, CASE_ID, CONFIDENTIAL, f.secondHandler));
    if (path === "/auth/login") body = { username: `u-${role}`, password: "wrong password" };
    const headers: Record<string, string> = {};
    // Logout ends the session it is sent with: sent without one, so the other rows keep theirs.
    const cookie = path === "/auth/logout" ? undefined : f.cookie[role];
    if (cookie) headers.Cookie = cookie;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return {
      url,
      init: { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
    };
  }

  const errorBodies: { where: string; text: string }[] = [];
  let requests = 0;

  describe.skipIf(skip).each(["public", "private"] as InstanceMode[])("matrix, %s instance", (mode) => {
    it("has an expected row for every route the router holds, and no row without a route", () => {
      const routes = routesOf(f.app(mode));
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.filter((r) => EXPECTED[r] === undefined)).toEqual([]);
      expect(Object.keys(EXPECTED).filter((k) => !routes.includes(k))).toEqual([]);
    });

    it("answers every role × route as the table says, auditing each refusal exactly once", async () => {
      const app = f.app(mode);
      const got: string[] = [];
      const want: string[] = [];
      const audited: string[] = [];
      const wantAudited: string[] = [];
      let denials = 0;
      for (const key of routesOf(app)) {
        for (const role of ROLES_UNDER_TEST) {
          const { url, init } = await requestFor(key, role, app);
          const before = await lastSeq(f);
          const res = await app.request(url, init);
          const text =
            key === "GET /api/events" && res.status === 200 ? await firstChunk(res) : await res.text();
          if (res.status >= 400) errorBodies.push({ where: `${mode} ${role} ${key}`, text });
          got.push(`${key} ${role} ${res.status}`);
          requests += 1;
          want.push(`${key} ${role} ${EXPECTED[key]?.[mode][role]}`);
          // Every refusal: one event. Login failures are audited by login itself (`login.failed`, the
          // username as target), refused answer links by the answer page (`answer.token`, `answer.csrf`); every
          // other 401/403 by the denial audit, named by method + route.
          const events = refusals(await auditAfter(f, before)).map(({ event: e }) =>
            [e.at, e.actor, e.action, e.target, e.outcome, e.status, Boolean(e.reason)].join(" | "),
          );
          audited.push(`${key} ${role}: ${events.join(" ; ")}`);
          const path = new URL(url, "http://x").pathname;
          const expected =
            key === "POST /auth/login"
              ? [NOW.toISOString(), "anonymous", "login.failed", `u-${role}`, "failed", "", false]
              : key === "GET /answer/:token"
                ? [NOW.toISOString(), "answer-link", "answer.token", "answer-link", "denied", "", true]
                : key === "POST /answer/:token"
                  ? [NOW.toISOString(), "answer-link", "answer.csrf", "", "denied", "", true]
                  : res.status === 401 || res.status === 403
                    ? [NOW.toISOString(), actorOf(role), key, path, "denied", res.status, true]
                    : undefined;
          if (expected) denials += 1;
          wantAudited.push(`${key} ${role}: ${expected ? expected.join(" | ") : ""}`);
        }
      }
      expect(got).toEqual(want);
      expect(audited).toEqual(wantAudited);
      expect(denials).toBeGreaterThan(15);
      console.info(
        `[authz] ${dialect} ${mode}: ${requests} role × route requests so far; ${denials} refusals, each audited once`,
      );
    }, 180_000);
  });

  describe.skipIf(skip)("object-level authorisation", () => {
    it("another handler's reveal request answers exactly like a missing one, and both are audited as denials", async () => {
      const app = f.app("public");
      const theirs = await revealRequest(
        f,
        f.secondHandler,
        CASE_ID,
        CONFIDENTIAL,
        f.principal["source-handler"],
      );
      const post = (url: string) =>
        app.request(url, { method: "POST", headers: { Cookie: f.cookie["source-handler"] ?? "" } });
      const before = await lastSeq(f);
      const forbidden = await post(`/api/reveal-requests/${theirs}/reveal`);
      const afterForbidden = await lastSeq(f);
      const missing = await post(`/api/reveal-requests/${MISSING_ID}/reveal`);
      expect(forbidden.status).toBe(404);
      // Identical but for the `instance` field, which echoes the requested path.
      expect([forbidden.status, (await forbidden.text()).replaceAll(theirs, MISSING_ID)]).toEqual([
        missing.status,
        await missing.text(),
      ]);
      // The client cannot tell them apart; the audit trail can: one denial each, naming what was refused.
      const one = (await auditAfter(f, before)).filter((r) => r.seq <= afterForbidden);
      const two = (await auditAfter(f, afterForbidden)).map((r) => r.event);
      const handler = f.principal["source-handler"].userId;
      expect(one.map((r) => r.event)).toEqual([
        {
          at: NOW.toISOString(),
          actor: handler,
          action: "POST /api/reveal-requests/:id/reveal",
          target: `${CASE_ID}/${CONFIDENTIAL}`,
          outcome: "denied",
          reason: "no such reveal request",
          status: 404,
          ip: "unknown",
          details: { code: "REVEAL_NOT_FOUND" },
        },
      ]);
      expect(two).toMatchObject([
        { actor: handler, target: MISSING_ID, status: 404, details: { code: "REVEAL_NOT_FOUND" } },
      ]);
    });

    it("a non-confidential source answers a reveal request exactly like a missing one, each audited once", async () => {
      const app = f.app("public");
      const ask = (sourceId: string) =>
        app.request("/api/reveal-requests", {
          method: "POST",
          headers: { Cookie: f.cookie["source-handler"] ?? "", "Content-Type": "application/json" },
          body: JSON.stringify({ caseId: CASE_ID, sourceId, reason: "court disclosure order 12" }),
        });
      const open = (await rwandaBundle()).records.source.find((s) => !s.confidential)?.id ?? "";
      const before = await lastSeq(f);
      const a = await ask(open);
      const b = await ask("no-such-source");
      expect(a.status).toBe(404);
      expect([a.status, await a.text()]).toEqual([b.status, await b.text()]);
      expect((await auditAfter(f, before)).map((r) => r.event)).toMatchObject([
        {
          action: "POST /api/reveal-requests",
          actor: f.principal["source-handler"].userId,
          target: `${CASE_ID}/${open}`,
          outcome: "denied",
          reason: "source is not confidential",
          status: 404,
        },
        { target: `${CASE_ID}/no-such-source`, reason: "no such source", status: 404 },
      ]);
    });

    it("a reveal step refused with 403 (approval already used) is audited once, under its route", async () => {
      const app = f.app("public");
      const id = await revealRequest(
        f,
        f.principal["source-handler"],
        CASE_ID,
        CONFIDENTIAL,
        f.secondHandler,
      );
      const reveal = () =>
        app.request(`/api/reveal-requests/${id}/reveal`, {
          method: "POST",
          headers: { Cookie: f.cookie["source-handler"] ?? "" },
        });
      expect((await reveal()).status).toBe(200);
      const before = await lastSeq(f);
      expect((await reveal()).status).toBe(403);
      expect((await auditAfter(f, before)).map((r) => r.event)).toMatchObject([
        {
          action: "POST /api/reveal-requests/:id/reveal",
          actor: f.principal["source-handler"].userId,
          target: `${CASE_ID}/${CONFIDENTIAL}`,
          outcome: "denied",
          status: 403,
          details: { code: "REVEAL_USED" },
        },
      ]);
    });

    it("in a private instance an existing record and a missing one answer the anonymous caller alike", async () => {
      const app = f.app("private");
      const before = await lastSeq(f);
      const a = await app.request(`/api/records/source/${CONFIDENTIAL}`);
      const b = await app.request("/api/records/source/no-such-source");
      expect(a.status).toBe(401);
      expect([a.status, await a.text()]).toEqual([b.status, await b.text()]);
      expect((await auditAfter(f, before)).map((r) => r.event)).toMatchObject([
        {
          actor: "anonymous",
          action: "GET /api/records/:kind/:id",
          target: `/api/records/source/${CONFIDENTIAL}`,
          reason: "private instance: authentication required: no credential",
          status: 401,
        },
        { target: "/api/records/source/no-such-source", status: 401 },
      ]);
    });

    it("a viewer's principal cannot reveal even with a request id that exists", async () => {
      const app = f.app("public");
      const id = await revealRequest(
        f,
        f.principal["source-handler"],
        CASE_ID,
        CONFIDENTIAL,
        f.secondHandler,
      );
      for (const role of ["viewer", "analyst", "admin"] as const) {
        const before = await lastSeq(f);
        const res = await app.request(`/api/reveal-requests/${id}/reveal`, {
          method: "POST",
          headers: { Cookie: f.cookie[role] ?? "" },
        });
        expect(res.status).toBe(403);
        expect((await auditAfter(f, before)).map((r) => r.event)).toMatchObject([
          {
            actor: f.principal[role].userId,
            action: "POST /api/reveal-requests/:id/reveal",
            reason: `role ${role} lacks sources:protected:read`,
            status: 403,
          },
        ]);
      }
    });
  });

  describe.skipIf(skip)("the audit trail of refusals", () => {
    it("cannot be split into forged lines or entries by CR/LF, NEL or U+2028 in a path or a header", async () => {
      const app = f.app("private");
      const forged = '{"at":"2031-05-01T10:00:00.000Z","actor":"admin","action":"user.role","outcome":"ok"}';
      const before = await lastSeq(f);
      // A path: Hono decodes %0D%0A into real CR/LF before the route sees it.
      const res1 = await app.request(`/api/records/incident/x%0D%0A${forged}%0A%E2%80%A8%C2%85`);
      expect(res1.status).toBe(401);
      // A header: Request itself refuses CR/LF in a header value, so NEL (allowed in header bytes) is sent…
      const res2 = await app.request("/api/log/inclusion/0", {
        headers: { Cookie: f.cookie.viewer ?? "", "X-Real-IP": `203.0.113.9\u0085${forged}` },
      });
      expect(res2.status).toBe(403);
      // …and CR/LF are forced past it by replacing the request's headers (what a lax proxy might pass on).
      const raw = new Request("http://localhost/api/log/inclusion/0");
      const hostile = new Map<string, string>([
        ["cookie", f.cookie.viewer ?? ""],
        ["x-real-ip", `203.0.113.9\r\n${forged}\n\u2028${forged}`],
      ]);
      Object.defineProperty(raw, "headers", {
        value: {
          get: (name: string) => hostile.get(name.toLowerCase()) ?? null,
          has: (name: string) => hostile.has(name.toLowerCase()),
          forEach: (fn: (v: string, k: string) => void) => hostile.forEach((v, k) => fn(v, k)),
        },
      });
      const res3 = await app.fetch(raw);
      expect(res3.status).toBe(403);

      const rows = await auditAfter(f, before);
      expect(rows).toHaveLength(3);
      for (const r of rows) expect(LINE_BREAK.test(r.line)).toBe(false);
      expect(rows.map((r) => [r.event.action, r.event.actor])).toEqual([
        ["GET /api/records/:kind/:id", "anonymous"],
        ["GET /api/log/inclusion/:leaf", f.principal.viewer.userId],
        ["GET /api/log/inclusion/:leaf", f.principal.viewer.userId],
      ]);
      // The hostile text is kept, as data, inside the one event it arrived with.
      expect(rows[0]?.event.target).toBe(`/api/records/incident/x\r\n${forged}\n\u2028\u0085`);
      expect(rows[1]?.event.ip).toBe(`203.0.113.9\u0085${forged}`);
      expect(rows[2]?.event.ip).toBe(`203.0.113.9\r\n${forged}\n\u2028${forged}`);
      // No row anywhere in the trail claims the forged admin action.
      const trail = await auditAfter(f, -1);
      expect(trail.filter((r) => r.event.action === "user.role")).toEqual([]);
    });

    it("never holds a session cookie or API token value, valid or not", async () => {
      const app = f.app("public");
      const viewerToken = (await createApiToken(f.store.db, "u-viewer", "audit test", NOW)).token;
      const forgedToken = `tcn_${"A".repeat(43)}`;
      const forgedSession = "Zm9yZ2VkLXNlc3Npb24tdmFsdWUtMDEyMzQ1Njc4OWFiY2RlZg";
      const viewerSession = (f.cookie.viewer ?? "").split("=")[1] ?? "";
      expect(viewerSession.length).toBeGreaterThan(20);
      const before = await lastSeq(f);
      const asks: [string, Record<string, string>, number][] = [
        ["/api/log/inclusion/0", { Authorization: `Bearer ${forgedToken}` }, 401],
        ["/api/log/inclusion/0", { Cookie: `__Host-tocsin_session=${forgedSession}` }, 401],
        ["/api/log/inclusion/0", { Authorization: `Bearer ${viewerToken}` }, 403],
        ["/api/log/inclusion/0", { Cookie: f.cookie.viewer ?? "" }, 403],
        // A token pasted into the path is redacted from the target.
        [`/api/log/inclusion/${viewerToken}`, { Cookie: f.cookie.viewer ?? "" }, 403],
      ];
      for (const [url, headers, status] of asks)
        expect((await app.request(url, { headers })).status).toBe(status);
      const rows = await auditAfter(f, before);
      expect(rows.map((r) => [r.event.actor, r.event.status, r.event.reason])).toEqual([
        ["anonymous", 401, "invalid, expired or revoked credential"],
        ["anonymous", 401, "invalid, expired or revoked credential"],
        [f.principal.viewer.userId, 403, "role viewer lacks log:read"],
        [f.principal.viewer.userId, 403, "role viewer lacks log:read"],
        [f.principal.viewer.userId, 403, "role viewer lacks log:read"],
      ]);
      expect(rows[4]?.event.target).toBe("/api/log/inclusion/[redacted]");
      const trail = (await auditAfter(f, -1)).map((r) => r.line).join("\n");
      const columns = JSON.stringify(
        await f.store.db
          .selectFrom("audit_events" as never)
          .select(["actor", "action", "target"] as never)
          .execute(),
      );
      for (const secret of [viewerToken, forgedToken, forgedSession, viewerSession, "tcn_A"]) {
        expect(trail.includes(secret)).toBe(false);
        expect(columns.includes(secret)).toBe(false);
      }
    });
  });

  describe.skipIf(skip)("error answers", () => {
    it("no 4xx/5xx answer holds a stack trace, SQL or a file path", async () => {
      const app = f.app("public");
      const bad = [
        "/api/records/nonsense",
        "/api/records/incident?limit=-1",
        "/api/records/incident?limit=abc&case=%00",
        "/api/cases/%27%3B%20DROP%20TABLE%20cases%3B--",
        "/api/cases/no-such-case/timeline",
        "/api/log/inclusion/99999999",
        "/api/log/consistency?from=1&to=99999",
        "/api/log/consistency?from=x",
        "/no/such/page/../../etc/passwd",
      ];
      for (const url of bad) {
        const res = await app.request(url, { headers: { Cookie: f.cookie.analyst ?? "" } });
        errorBodies.push({ where: url, text: await res.text() });
      }
      const res = await app.request("/api/reveal-requests", {
        method: "POST",
        headers: { Cookie: f.cookie["source-handler"] ?? "", "Content-Type": "application/json" },
        body: "{not json",
      });
      expect(res.status).toBe(400);
      errorBodies.push({ where: "bad json", text: await res.text() });
      const big = await app.request("/api/reveal-requests", {
        method: "POST",
        headers: { Cookie: f.cookie["source-handler"] ?? "", "Content-Type": "application/json" },
        body: JSON.stringify({ reason: "x".repeat(1_100_000) }),
      });
      expect(big.status).toBe(413);
      errorBodies.push({ where: "big body", text: await big.text() });
      expect(errorBodies.length).toBeGreaterThan(50);
      const leaks = errorBodies.filter((e) => LEAK.some((re) => re.test(e.text))).map((e) => e.where);
      expect(leaks).toEqual([]);
      console.info(
        `[authz] ${dialect}: ${errorBodies.length} error answers checked, ${leaks.length} leaking`,
      );
    });
  });
});
