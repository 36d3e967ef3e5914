// Source protection: unique strings planted in every protected-identity field of the confidential source
// appear in no answer of any endpoint — every route of the OpenAPI document with every id the store holds,
// analyses as of several days, and the error answers — on the app without accounts, and on the app with accounts
// signed in (SQLite and, with TOCSIN_TEST_PG, PostgreSQL), where every route the router serves is swept,
// the desk, case settings and write routes included.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskKeyFrom, tokenOf } from "../../src/desk/index.js";
import { RECORD_KINDS, type CaseBundle } from "../../src/domain/index.js";
import type { Alert } from "../../src/engine/index.js";
import { CaseAnalysis, CaseVersion } from "../../src/http/case-analysis.js";
import { addContactPoint } from "../../src/storage/desk/index.js";
import { checkpointLog } from "../../src/storage/log/index.js";
import { appendLiveAlerts, getRecord, saveAlerts } from "../../src/storage/index.js";
import {
  NOW,
  PASSWORD,
  TRUST_DIALECTS,
  noticePgSkipped,
  revealRequest,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "../security/trust-fixture.js";
import {
  CASE_ID,
  ROOT,
  confidentialSourceBody,
  harness,
  rwandaBundle,
  withCanary,
  type Harness,
} from "./http-fixture.js";

noticePgSkipped("canary-with-accounts");

const CANARY = `canary-${Math.random().toString(36).slice(2)}-7f3a`;
let h: Harness;
let bundle: CaseBundle;

beforeAll(async () => {
  bundle = withCanary(await rwandaBundle(), CANARY);
  expect(
    bundle.records.source.some((s) => s.confidential && s.protectedIdentity?.name?.includes(CANARY)),
  ).toBe(true);
  h = await harness(bundle);
});
afterAll(async () => h?.close());

/** Every concrete URL to crawl: each documented path with every value its parameters can take here. */
async function urls(): Promise<string[]> {
  const doc = (await (await h.app.request("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
  const out = new Set<string>([
    "/api/openapi.json",
    "/api/records/source/src-confidential-1994-01?case=" + CASE_ID,
  ]);
  for (const path of Object.keys(doc.paths)) {
    if (path === "/api/records/{kind}/{id}") {
      for (const kind of RECORD_KINDS)
        for (const r of bundle.records[kind]) out.add(`/api/records/${kind}/${r.id}`);
    } else if (path === "/api/records/{kind}") {
      for (const kind of RECORD_KINDS) {
        out.add(`/api/records/${kind}?limit=500`);
        out.add(`/api/records/${kind}?case=${CASE_ID}&text=informant`);
      }
    } else if (path.includes("{caseId}")) {
      const p = path.replace("{caseId}", CASE_ID);
      for (const asOf of ["", "?asOf=1994-01-11", "?asOf=1994-04-30"])
        out.add(`${p}${p.endsWith("timeline") ? "" : asOf}`);
    } else if (path.includes("{runId}")) {
      out.add(path.replace("{runId}", "no-such-run"));
    } else {
      out.add(path);
    }
  }
  return [...out];
}

describe("canary sweep", () => {
  it("finds the planted strings in no answer", async () => {
    const list = await urls();
    expect(list.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    const statuses = new Map<number, number>();
    for (const url of list) {
      const res = await h.app.request(url);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      if (text.includes(CANARY)) leaks.push(url);
    }
    expect(leaks).toEqual([]);
    // The sweep must have read real answers, not only errors.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
  });

  it("the store does hold the planted strings (so the sweep can find a leak)", async () => {
    const s = await getRecord(h.store, "source", "src-confidential-1994-01", CASE_ID, {
      includeProtected: true,
    });
    expect(JSON.stringify(s)).toContain(`${CANARY}-name`);
  });

  it("the confidential source's own page shows no identifying field", async () => {
    const res = await h.app.request("/api/records/source/src-confidential-1994-01");
    const body = (await res.json()) as { record: Record<string, unknown> };
    expect(Object.keys(body.record)).not.toContain("protectedIdentity");
    expect(body.record.title).toBe("Protected source");
  });
});

/** One request of the sweep with accounts; `route` is the router's `METHOD path` it exercises. */
interface SweepRequest {
  readonly route: string;
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** A form body (the answer page's POST) instead of JSON. */
  readonly form?: Record<string, string>;
}

/** The first chunk of an event stream (which never ends by itself), then the stream is closed. */
async function firstChunk(res: Response): Promise<string> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await Promise.race([
    reader.read(),
    new Promise<{ value: undefined }>((r) => setTimeout(() => r({ value: undefined }), 2000)),
  ]);
  await reader.cancel();
  return value ? new TextDecoder().decode(value) : "";
}

// The same sweep on an app with accounts, signed in: the routes only such an app serves (the desk, case
// settings, the write routes, the log, reveal requests, sign-in and the answer page) are swept too. Every route
// the router serves, whatever its method, must be exercised by at least one request below (a route added later
// fails the coverage check until the sweep covers it); reads run for every role that reaches them, writes as
// the analyst (records:write reaches the desk, settings and records) and the source-handler (confidential
// sources), and the desk, settings and write routes must have answered 2xx to the analyst, so they were reached
// and not merely refused. The stored alerts (a run and the live run) make the drafts, the alerts' live list and a
// warning issued from an alert carry real evidence.
describe.each(TRUST_DIALECTS)("canary sweep with accounts, signed in, on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let app: ReturnType<TrustFixture["app"]>;
  let planted: CaseBundle;
  let alerts: readonly Alert[] = [];

  beforeAll(async () => {
    if (skip) return;
    planted = withCanary(await rwandaBundle(), CANARY);
    f = await trustFixture(planted, dialect);
    app = f.app("private");
    // Alerts stored by an engine run and by the live assessor (the same level changes, replayed here).
    alerts = new CaseAnalysis(new CaseVersion(planted, f.analysis), "1994-12-31").alerts;
    expect(alerts.length).toBeGreaterThan(0);
    const inputs = alerts.map((a) => ({
      date: a.date,
      situation: a.situation.id,
      level: a.level,
      previousLevel: a.previousLevel,
      payload: a,
    }));
    await saveAlerts(f.store, CASE_ID, "sweep-run", inputs);
    await appendLiveAlerts(f.store, CASE_ID, inputs, "live-assessor", NOW.toISOString());
  }, 240_000);
  afterAll(async () => f?.close());

  async function call(
    role: RoleUnderTest,
    r: SweepRequest,
  ): Promise<{ status: number; text: string; res: Response }> {
    const cookie = f.cookie[role];
    const res = await app.request(r.url, {
      method: r.method,
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(r.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(r.form !== undefined ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        ...r.headers,
      },
      ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
      ...(r.form !== undefined ? { body: new URLSearchParams(r.form).toString() } : {}),
    });
    const text = r.url === "/api/events" && res.status === 200 ? await firstChunk(res) : await res.text();
    return { status: res.status, text, res };
  }

  /** The read requests: every GET route with the ids the store holds. */
  async function reads(
    leafCount: number,
    checkpoints: readonly number[],
    warningId: string,
    token: string,
  ): Promise<SweepRequest[]> {
    const out: SweepRequest[] = [];
    const get = (route: string, url: string) => out.push({ route: `GET ${route}`, method: "GET", url });
    for (const path of [
      "/api/health",
      "/api/overview",
      "/api/cases",
      "/api/forecasts",
      "/api/openapi.json",
      "/auth/me",
      "/",
    ])
      get(path, path);
    get("/favicon.svg", "/favicon.svg");
    for (const a of readdirSync(join(ROOT, "web", "dist", "assets"))) get("/assets/*", `/assets/${a}`);
    get("/api/events", "/api/events");
    get("/api/forecasts/:runId", "/api/forecasts/no-such-run");
    for (const kind of RECORD_KINDS) {
      get("/api/records/:kind", `/api/records/${kind}?limit=500`);
      get("/api/records/:kind", `/api/records/${kind}?case=${CASE_ID}&text=informant`);
      for (const r of planted.records[kind])
        get("/api/records/:kind/:id", `/api/records/${kind}/${r.id}?case=${CASE_ID}`);
    }
    const caseRoutes = app.routes
      .filter(
        (r) =>
          r.method === "GET" && r.path.startsWith("/api/cases/:caseId") && !r.path.includes(":warningId"),
      )
      .map((r) => r.path);
    for (const path of new Set(caseRoutes)) {
      get(path, path.replace(":caseId", CASE_ID));
      get(path, `${path.replace(":caseId", CASE_ID)}?asOf=1994-04-30`);
    }
    // The evidence query needs a situation, criterion and condition: those of the stored alerts' criteria.
    for (const a of alerts.slice(0, 12))
      for (const c of a.criteria ?? [])
        for (const d of c.conditions) {
          const q = new URLSearchParams({
            situation: a.situation.id,
            criterion: c.id,
            condition: d.id,
            ...(d.window ? { from: d.window.from } : {}),
            to: d.window?.to ?? a.date,
          });
          get("/api/cases/:caseId/evidence", `/api/cases/${CASE_ID}/evidence?${q.toString()}`);
        }
    get(
      "/api/cases/:caseId/warnings/:warningId/deliveries",
      `/api/cases/${CASE_ID}/warnings/${warningId}/deliveries`,
    );
    get("/api/log/checkpoint", "/api/log/checkpoint");
    get("/api/log/consistency", `/api/log/consistency?from=${checkpoints[0]}&to=${checkpoints.at(-1)}`);
    for (let i = 0; i < leafCount; i += Math.max(1, Math.floor(leafCount / 60)))
      get("/api/log/inclusion/:leaf", `/api/log/inclusion/${i}`);
    get("/answer/:token", `/answer/${token}`);
    get("/answer/:token", `/answer/${CANARY}`);
    return out;
  }

  it.skipIf(skip)(
    "finds the planted strings in no answer of any route, for every signed-in role",
    async () => {
      const confidential = planted.records.source.find((s) => s.confidential)?.id ?? "";
      const answers: { where: string; status: number; text: string }[] = [];
      const record = (role: string, r: SweepRequest, a: { status: number; text: string }) =>
        answers.push({
          where: `${role} ${r.method} ${r.url} → ${a.status} [${r.route}]`,
          status: a.status,
          text: a.text,
        });
      const swept = new Set<string>();
      const write = async (role: RoleUnderTest, r: SweepRequest) => {
        swept.add(r.route);
        const a = await call(role, r);
        record(role, r, a);
        return a;
      };

      // Writes as the analyst: a case, its settings, records (created, replaced, deleted), the check, the desk.
      const newCase = {
        id: "sweep-case",
        name: "Sweep",
        countries: ["RWA"],
        period: { start: "2031-01-01", end: null },
      };
      await write("analyst", { route: "POST /api/cases", method: "POST", url: "/api/cases", body: newCase });
      const settings = `/api/cases/${CASE_ID}/settings`;
      await write("analyst", {
        route: "PUT /api/cases/:caseId/settings",
        method: "PUT",
        url: settings,
        body: { autoIssueWarnings: false },
      });
      const incidents = `/api/cases/${CASE_ID}/records/incidents`;
      const incident = {
        id: "inc-sweep",
        summary: "An attack on a village.",
        acts: ["massacre"],
        place: { country: "RWA" },
        occurredAt: "1994-04-20",
        knownAt: "1994-04-21",
        backfillReason: "sweep",
        citations: [{ source: confidential, locator: "p. 3" }],
      };
      const created = await write("analyst", {
        route: "POST /api/cases/:caseId/records/:kind",
        method: "POST",
        url: incidents,
        body: incident,
      });
      const etag = created.res.headers.get("ETag") ?? "";
      const replaced = await write("analyst", {
        route: "PUT /api/cases/:caseId/records/:kind/:id",
        method: "PUT",
        url: `${incidents}/inc-sweep`,
        body: { ...incident, summary: "An attack on a village, revised." },
        headers: { "If-Match": etag },
      });
      await write("analyst", {
        route: "DELETE /api/cases/:caseId/records/:kind/:id",
        method: "DELETE",
        url: `${incidents}/inc-sweep`,
        headers: { "If-Match": replaced.res.headers.get("ETag") ?? "" },
      });
      // A confidential source by the source-handler, its identity holding the canary; the answer must not echo it.
      await write("source-handler", {
        route: "POST /api/cases/:caseId/records/:kind",
        method: "POST",
        url: `/api/cases/${CASE_ID}/records/sources`,
        body: confidentialSourceBody("src-sweep-informant", CANARY, {
          occurredAt: "1994-04-01",
          knownAt: "1994-04-02",
          backfillReason: "sweep",
        }),
      });
      // The desk: a contact point for the recipients of a stored alert's draft, then that alert issued as a warning.
      const drafts = await call("analyst", {
        route: "",
        method: "GET",
        url: `/api/cases/${CASE_ID}/warnings/drafts`,
      });
      const draft = (
        JSON.parse(drafts.text) as { items: { alert: string; draft: { recipients: string[] } }[] }
      ).items[0];
      expect(draft).toBeDefined();
      for (const actorId of draft?.draft.recipients ?? [])
        await addContactPoint(
          f.store,
          {
            caseId: CASE_ID,
            actorId,
            channel: "outbox",
            address: join(f.dir, "desk-outbox.jsonl"),
            language: "en",
          },
          NOW.toISOString(),
        );
      const issued = await write("analyst", {
        route: "POST /api/cases/:caseId/warnings/issue",
        method: "POST",
        url: `/api/cases/${CASE_ID}/warnings/issue`,
        body: { fromAlert: draft?.alert, id: "w-sweep" },
      });
      expect(issued.status).toBe(201);
      // A delivery given up on (dead), retried: the retry route answers with a real delivery.
      const delivery = await f.store.db
        .selectFrom("desk_deliveries")
        .select("id")
        .where("warning_id", "=", "w-sweep")
        .executeTakeFirstOrThrow();
      await f.store.db
        .updateTable("desk_deliveries")
        .set({ state: "dead" })
        .where("id", "=", delivery.id)
        .execute();
      await write("analyst", {
        route: "POST /api/deliveries/:id/retry",
        method: "POST",
        url: `/api/deliveries/${encodeURIComponent(delivery.id)}/retry`,
      });
      const tokenRow = await f.store.db
        .selectFrom("desk_answer_tokens")
        .select("nonce")
        .where("warning_id", "=", "w-sweep")
        .executeTakeFirstOrThrow();
      const token = tokenOf(deskKeyFrom(f.fieldKey), tokenRow.nonce);
      // The answer page's POST without its CSRF cookie and field: refused, and the refusal swept.
      await write("anonymous", {
        route: "POST /answer/:token",
        method: "POST",
        url: `/answer/${token}`,
        form: { answer: CANARY },
      });
      // Reveal requests: asked, refused approval to its requester's peer without the right, and not revealed unapproved.
      const asked = await write("source-handler", {
        route: "POST /api/reveal-requests",
        method: "POST",
        url: "/api/reveal-requests",
        body: { caseId: CASE_ID, sourceId: confidential, reason: "the canary sweep asks" },
      });
      const requestId = (JSON.parse(asked.text) as { id?: string }).id ?? "none";
      await write("analyst", {
        route: "POST /api/reveal-requests/:id/approve",
        method: "POST",
        url: `/api/reveal-requests/${requestId}/approve`,
      });
      await write("source-handler", {
        route: "POST /api/reveal-requests/:id/reveal",
        method: "POST",
        url: `/api/reveal-requests/${requestId}/reveal`,
      });
      // Sign-in refused (the canary as a user name), then a fresh session signed in and out.
      await write("anonymous", {
        route: "POST /auth/login",
        method: "POST",
        url: "/auth/login",
        body: { username: CANARY, password: CANARY },
      });
      const login = await write("anonymous", {
        route: "POST /auth/login",
        method: "POST",
        url: "/auth/login",
        body: { username: "u-viewer", password: PASSWORD },
      });
      const fresh = (login.res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const out = await app.request("/auth/logout", { method: "POST", headers: { Cookie: fresh } });
      swept.add("POST /auth/logout");
      answers.push({
        where: `viewer POST /auth/logout → ${out.status}`,
        status: out.status,
        text: await out.text(),
      });

      // Reads, for every role that signs in (and anonymous callers, refused on a private instance).
      const leafCount = Number(
        (
          (await f.store.db
            .selectFrom("log_leaves" as never)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirst()) as { n: number } | undefined
        )?.n ?? 0,
      );
      // A signed checkpoint after the writes, so the consistency proof spans them.
      await checkpointLog(f.store.db, f.signer, f.signer.name, NOW);
      const checkpoints = (
        await f.store.db.selectFrom("log_checkpoints").select("tree_size").orderBy("tree_size").execute()
      ).map((r) => Number(r.tree_size));
      expect(checkpoints.length).toBeGreaterThan(1);
      const list = await reads(leafCount, checkpoints, "w-sweep", token);
      for (const role of ["viewer", "analyst", "admin", "source-handler", "anonymous"] as const)
        for (const r of list) {
          swept.add(r.route);
          record(role, r, await call(role, r));
        }

      // Every route the router serves was swept.
      const served = [
        ...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`)),
      ];
      expect(served.filter((r) => !swept.has(r))).toEqual([]);
      // The desk, the settings and the write routes were reached by the analyst (2xx), not only refused.
      const reached = (prefix: string) =>
        answers.some((a) => a.where.startsWith(`analyst ${prefix}`) && a.status >= 200 && a.status < 300);
      for (const prefix of [
        "POST /api/cases ",
        `PUT ${settings} `,
        `GET ${settings} `,
        `POST ${incidents} `,
        `PUT ${incidents}/inc-sweep `,
        `DELETE ${incidents}/inc-sweep `,
        `POST /api/cases/${CASE_ID}/warnings/issue `,
        `GET /api/cases/${CASE_ID}/warnings/drafts `,
        `GET /api/cases/${CASE_ID}/desk `,
        `GET /api/cases/${CASE_ID}/warnings/w-sweep/deliveries `,
        `GET /api/cases/${CASE_ID}/check `,
        `GET /api/cases/${CASE_ID}/alerts `,
        `GET /api/cases/${CASE_ID}/evidence?`,
        "POST /api/deliveries/",
        "GET /api/log/consistency?",
        "GET /answer/",
      ])
        expect(reached(prefix), prefix).toBe(true);
      expect(
        answers.some((a) => a.where.startsWith("source-handler POST /api/cases/") && a.status === 201),
      ).toBe(true);
      // The live alerts are in the alerts answer (so the sweep read them).
      const alertsAnswer = answers.find((a) =>
        a.where.startsWith(`analyst GET /api/cases/${CASE_ID}/alerts `),
      );
      expect(
        (JSON.parse(alertsAnswer?.text ?? "{}") as { liveAlerts?: unknown[] }).liveAlerts?.length,
      ).toBeGreaterThan(0);

      // The control: the dual-control reveal, approved by a second handler, is the one answer that shows them.
      const approved = await revealRequest(
        f,
        f.principal["source-handler"],
        CASE_ID,
        confidential,
        f.secondHandler,
      );
      const door = await call("source-handler", {
        route: "POST /api/reveal-requests/:id/reveal",
        method: "POST",
        url: `/api/reveal-requests/${approved}/reveal`,
      });
      expect([door.status, door.text.includes(CANARY)]).toEqual([200, true]);

      const leaks = answers.filter((a) => a.text.includes(CANARY)).map((a) => a.where);
      expect(leaks).toEqual([]);
      const ok = answers.filter((a) => a.status >= 200 && a.status < 300).length;
      expect(ok).toBeGreaterThan(answers.length / 2);
      console.info(
        `[canary] ${dialect} with accounts: ${served.length} routes, ${answers.length} answers (${ok} × 2xx), ${leaks.length} with the canary`,
      );
    },
    600_000,
  );
});
