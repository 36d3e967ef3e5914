// The authorisation matrix, generated from the router: every route the Hono app registers × every role
// (anonymous, viewer, analyst, source-handler, admin) × both instance modes must have an expected answer in
// EXPECTED below — a new route without a row fails. Then object-level checks (a forbidden id answers exactly
// like a missing one) and the error answers (no stack trace, SQL or file path in any 4xx/5xx).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstanceMode } from "../../src/http/http-security.js";
import { latestCheckpoint } from "../../src/storage/trust/index.js";
import { CASE_ID, rwandaBundle } from "../http/http-fixture.js";
import {
  ROLES_UNDER_TEST,
  revealRequest,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "./trust-fixture.js";

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
  "GET /": READ,
  "GET /assets/*": READ,
  "GET /favicon.svg": READ,
};

const CONFIDENTIAL = "src-confidential-1994-01";
const LEAK = [
  /\n\s+at\s/u, // stack frame
  /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/u,
  /SQLITE_|sqlite3?|better-sqlite/iu,
  /\/(work|tmp|home|root|usr)\//u,
  /\.(ts|js|mjs):\d+/u,
  /node_modules/u,
];

let f: TrustFixture;
let treeSize = 0;
let incidentId = "";
let asset = "";

beforeAll(async () => {
  const bundle = await rwandaBundle();
  incidentId = bundle.records.incident[0]?.id ?? "";
  f = await trustFixture(bundle);
  treeSize = Number((await latestCheckpoint(f.store.db))?.tree_size ?? 0);
  const assets = readdirSync(join(import.meta.dirname, "..", "..", "web", "dist", "assets"));
  asset = assets[0] ?? "none.js";
}, 60_000);
afterAll(async () => f?.close());

/** The routes the app registers (middleware `ALL` entries left out), as `METHOD path`. */
function routesOf(app: ReturnType<TrustFixture["app"]>): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
}

/** A concrete request for a route, with real ids (and, for reveal steps, a request fit for `role`). */
async function requestFor(key: string, role: RoleUnderTest): Promise<{ url: string; init: RequestInit }> {
  const [method, path] = key.split(" ") as [string, string];
  const handler = f.principal["source-handler"];
  let url = path
    .replace(":caseId", CASE_ID)
    .replace(":kind/:id", `incident/${incidentId}`)
    .replace(":kind", "incident")
    .replace(":runId", "no-such-run")
    .replace(":leaf", "0")
    .replace("/assets/*", `/assets/${asset}`);
  if (path === "/api/log/consistency") url += `?from=${treeSize}&to=${treeSize}`;
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

describe.each(["public", "private"] as InstanceMode[])("authorisation matrix, %s instance", (mode) => {
  it("has an expected row for every route the router holds, and no row without a route", () => {
    const routes = routesOf(f.app(mode));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => EXPECTED[r] === undefined)).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it("answers every role × route as the table says", async () => {
    const app = f.app(mode);
    const got: string[] = [];
    const want: string[] = [];
    for (const key of routesOf(app)) {
      for (const role of ROLES_UNDER_TEST) {
        const { url, init } = await requestFor(key, role);
        const res = await app.request(url, init);
        const text = await res.text();
        if (res.status >= 400) errorBodies.push({ where: `${mode} ${role} ${key}`, text });
        got.push(`${key} ${role} ${res.status}`);
        requests += 1;
        want.push(`${key} ${role} ${EXPECTED[key]?.[mode][role]}`);
      }
    }
    expect(got).toEqual(want);
    console.info(`[authz] ${mode}: ${requests} role × route requests so far`);
  }, 120_000);
});

describe("object-level authorisation", () => {
  it("another handler's reveal request answers exactly like a missing one", async () => {
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
    const forbidden = await post(`/api/reveal-requests/${theirs}/reveal`);
    const missing = await post("/api/reveal-requests/00000000-0000-0000-0000-000000000000/reveal");
    expect(forbidden.status).toBe(404);
    // Identical but for the `instance` field, which echoes the requested path.
    const missingId = "00000000-0000-0000-0000-000000000000";
    expect([forbidden.status, (await forbidden.text()).replaceAll(theirs, missingId)]).toEqual([
      missing.status,
      await missing.text(),
    ]);
  });

  it("a non-confidential source answers a reveal request exactly like a missing one", async () => {
    const app = f.app("public");
    const ask = (sourceId: string) =>
      app.request("/api/reveal-requests", {
        method: "POST",
        headers: { Cookie: f.cookie["source-handler"] ?? "", "Content-Type": "application/json" },
        body: JSON.stringify({ caseId: CASE_ID, sourceId, reason: "court disclosure order 12" }),
      });
    const open = (await rwandaBundle()).records.source.find((s) => !s.confidential)?.id ?? "";
    const a = await ask(open);
    const b = await ask("no-such-source");
    expect(a.status).toBe(404);
    expect([a.status, await a.text()]).toEqual([b.status, await b.text()]);
  });

  it("in a private instance an existing record and a missing one answer the anonymous caller alike", async () => {
    const app = f.app("private");
    const a = await app.request(`/api/records/source/${CONFIDENTIAL}`);
    const b = await app.request("/api/records/source/no-such-source");
    expect(a.status).toBe(401);
    expect([a.status, await a.text()]).toEqual([b.status, await b.text()]);
  });

  it("a viewer's principal cannot reveal even with a request id that exists", async () => {
    const app = f.app("public");
    const id = await revealRequest(f, f.principal["source-handler"], CASE_ID, CONFIDENTIAL, f.secondHandler);
    for (const role of ["viewer", "analyst", "admin"] as const) {
      const res = await app.request(`/api/reveal-requests/${id}/reveal`, {
        method: "POST",
        headers: { Cookie: f.cookie[role] ?? "" },
      });
      expect(res.status).toBe(403);
    }
  });
});

describe("error answers", () => {
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
      body: JSON.stringify({ reason: "x".repeat(200_000) }),
    });
    expect(big.status).toBe(413);
    errorBodies.push({ where: "big body", text: await big.text() });
    expect(errorBodies.length).toBeGreaterThan(50);
    const leaks = errorBodies.filter((e) => LEAK.some((re) => re.test(e.text))).map((e) => e.where);
    expect(leaks).toEqual([]);
    console.info(`[authz] ${errorBodies.length} error answers checked, ${leaks.length} leaking`);
  });
});
