// Live assessment after each write (issue 15 item 3, issue 16's autoIssueWarnings) on a real store — SQLite and,
// with TOCSIN_TEST_PG, PostgreSQL: an analyst writes a case, a duty-bearer, a State, a group, a B2 source and
// three incidents of organised killing of the group with State involvement through the API; the level rises, an
// `alert` event arrives on GET /api/events (the SSE stream read here), the alert is stored under the `live` run
// and logged, written to the outbox; a write that changes no level raises none. A case with autoIssueWarnings
// has its alert issued as a warning; writes in quick succession are coalesced without a duplicate alert.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlertsViewSchema } from "../../src/contracts/api/view.schema.js";
import { deskKeyFrom } from "../../src/desk/index.js";
import { LiveAssessor } from "../../src/http/live/live-assessor.js";
import { fileOutboxNotifier } from "../../src/notify/index.js";
import { LIVE_RUN, listAlerts } from "../../src/storage/index.js";
import { confidentialSourceBody, rwandaBundle } from "./http-fixture.js";
import {
  noticePgSkipped,
  NOW,
  TRUST_DIALECTS,
  trustFixture,
  type TrustFixture,
} from "../security/trust-fixture.js";
import { readSse } from "../support/sse-reader.js";

noticePgSkipped("live-assessment");

const DAY = NOW.toISOString().slice(0, 10);
const cite = [{ source: "src-live-report", locator: "p. 1" }];

/** The records of a small live situation (fictional country XAA), in the order they are written. */
function records(): { kind: string; body: Record<string, unknown> }[] {
  return [
    {
      kind: "sources",
      body: {
        id: "src-live-report",
        kind: "report",
        title: "Monitoring report",
        reliability: "B",
        credibility: 2,
        occurredAt: "2031-04-20",
        citations: cite,
      },
    },
    {
      kind: "actors",
      body: {
        id: "act-hr-mechanism",
        kind: "un-organ",
        name: "Human rights mechanism",
        dutyBearer: true,
        roles: ["human-rights-mechanism"],
        occurredAt: "2031-01-01",
        citations: cite,
      },
    },
    {
      kind: "actors",
      body: {
        id: "act-xaa-state",
        kind: "state",
        name: "State of XAA",
        occurredAt: "2031-01-01",
        citations: cite,
      },
    },
    {
      kind: "groups",
      body: {
        id: "grp-live",
        name: "The group",
        kind: "ethnical",
        countries: ["XAA"],
        occurredAt: "2031-01-01",
        citations: cite,
      },
    },
  ];
}

const incident = (n: number) => ({
  id: `inc-live-${n}`,
  summary: `Soldiers kill members of the group in village ${n}.`,
  acts: ["massacre"],
  place: { country: "XAA" },
  perpetrators: ["act-xaa-state"],
  targetGroup: "grp-live",
  organised: "documented",
  stateInvolvement: "confirmed",
  fatalities: { best: 20 * n },
  occurredAt: `2031-04-2${n}`,
  citations: [{ source: "src-live-report", locator: `p. ${n + 1}` }],
});

describe.each(TRUST_DIALECTS)("live assessment on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let live: LiveAssessor;
  let app: ReturnType<TrustFixture["app"]>;
  const logLines: string[] = [];
  const events: { event: string; data: Record<string, unknown> }[] = [];
  let stopStream: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (skip) return;
    f = await trustFixture(await rwandaBundle(), dialect);
    const { rulebook, lexicon } = f.analysis;
    live = new LiveAssessor({
      store: f.store,
      ...(rulebook ? { rulebook } : {}),
      ...(lexicon ? { lexicon } : {}),
      clock: () => NOW,
      deskKey: deskKeyFrom(f.fieldKey),
      notifiers: [fileOutboxNotifier(join(f.dir, "outbox.jsonl"))],
      log: (l) => logLines.push(l),
    });
    app = f.app("private", { live, log: (m) => logLines.push(m) });
    stopStream = await readEvents();
  }, 120_000);
  afterAll(async () => {
    await stopStream?.();
    await live?.idle();
    await f?.close();
  });

  /** Read GET /api/events as a viewer into `events` until stopped. */
  async function readEvents(): Promise<() => Promise<void>> {
    const res = await app.request("/api/events", { headers: { Cookie: f.cookie.viewer ?? "" } });
    expect(res.headers.get("Content-Type")).toContain("text/event-stream");
    let ready: () => void = () => undefined;
    const isReady = new Promise<void>((r) => (ready = r));
    const stream = readSse(res.body as ReadableStream<Uint8Array>, ({ event, data }) => {
      if (event === "ready") ready();
      if (data) events.push({ event, data });
    });
    await isReady;
    return stream.stop;
  }

  async function post(
    url: string,
    body: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await app.request(url, {
      method: "POST",
      headers: { Cookie: f.cookie.analyst ?? "", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  async function createCase(id: string, settings?: { autoIssueWarnings: boolean }): Promise<void> {
    const r = await post("/api/cases", {
      id,
      name: `Live ${id}`,
      countries: ["XAA"],
      period: { start: "2031-01-01", end: null },
      ...(settings ? { settings } : {}),
    });
    expect(r.status).toBe(201);
    for (const { kind, body } of records()) {
      const w = await post(`/api/cases/${id}/records/${kind}`, body);
      expect([kind, w.status, w.json.problems]).toEqual([kind, 201, undefined]);
    }
  }

  const alertEvents = (caseId: string) =>
    events.filter((e) => e.event === "alert" && e.data.caseId === caseId).map((e) => e.data.alert) as {
      level: string;
      previousLevel: string;
      id: string;
      warning?: string;
    }[];

  /** Wait for the stream to carry `n` alert events of the case (the SSE loop runs beside the test). */
  async function untilAlerts(caseId: string, n: number): Promise<void> {
    for (let i = 0; i < 200 && alertEvents(caseId).length < n; i++)
      await new Promise((r) => setTimeout(r, 10));
  }

  describe.skipIf(skip)("an analyst's writes move a level", () => {
    it("raises, stores, logs and publishes an alert when the level rises; none for a write that moves nothing", async () => {
      await createCase("live-watch");
      await live.idle();
      const before = await listAlerts(f.store, "live-watch", { runId: LIVE_RUN });
      const levelsBefore = new Map(before.map((a) => [a.situation, a.level]));
      for (const n of [1, 2, 3]) {
        const r = await post("/api/cases/live-watch/records/incidents", incident(n));
        expect([r.status, r.json.problems]).toEqual([201, undefined]);
        await live.idle();
      }
      const stored = await listAlerts(f.store, "live-watch", { runId: LIVE_RUN });
      const group = stored.filter((a) => a.situation.includes("grp-live"));
      expect(group.length).toBeGreaterThan(0);
      const last = group[group.length - 1];
      expect(last?.level).toBe("high");
      expect(last?.date).toBe(DAY);
      expect(levelsBefore.get(last?.situation ?? "")).not.toBe("high");

      await untilAlerts("live-watch", stored.length);
      const seen = alertEvents("live-watch");
      expect(seen.map((a) => a.level)).toEqual(stored.map((a) => a.level));
      expect(seen.some((a) => a.level === "high" && a.warning === undefined)).toBe(true);
      // An alert of the live run is in the tamper-evident log, written by the assessor.
      const leaves = (await f.store.db
        .selectFrom("log_leaves" as never)
        .select(["leaf_data", "record_key"] as never)
        .where("action" as never, "=", "alert" as never)
        .where("table_name" as never, "=", "alerts" as never)
        .execute()) as { leaf_data: string; record_key: string }[];
      const ours = leaves.filter(
        (l) => l.record_key.includes("live-watch") && l.record_key.includes(LIVE_RUN),
      );
      expect(ours).toHaveLength(stored.length);
      expect(ours.every((l) => l.leaf_data.includes('"actor":"live-assessor"'))).toBe(true);
      expect(logLines.some((l) => l.startsWith("live alert: case live-watch") && l.includes("→ high"))).toBe(
        true,
      );
      const outbox = await readFile(join(f.dir, "outbox.jsonl"), "utf8");
      expect(outbox).toContain('"level":"high"');

      // A new actor moves no level: no alert stored, none published.
      const count = stored.length;
      const quiet = await post("/api/cases/live-watch/records/actors", {
        id: "act-observer",
        kind: "ngo",
        name: "An observer",
        occurredAt: "2031-02-01",
        citations: cite,
      });
      expect(quiet.status).toBe(201);
      await live.idle();
      await new Promise((r) => setTimeout(r, 50));
      expect((await listAlerts(f.store, "live-watch", { runId: LIVE_RUN })).length).toBe(count);
      expect(alertEvents("live-watch").length).toBe(count);
      expect(events.some((e) => e.event === "record" && e.data.id === "act-observer")).toBe(true);
    }, 60_000);

    it("issues the alert as a warning on a case with autoIssueWarnings; concurrent writes give no duplicate", async () => {
      await createCase("live-auto", { autoIssueWarnings: true });
      await live.idle();
      // Three incidents at once: the assessments are serialised and coalesced.
      const posted = await Promise.all(
        [1, 2, 3].map((n) => post("/api/cases/live-auto/records/incidents", incident(n))),
      );
      if (posted.some((p) => p.status !== 201)) console.log(logLines.join("\n"));
      expect(posted.map((p) => p.status)).toEqual([201, 201, 201]);
      await live.idle();
      const stored = await listAlerts(f.store, "live-auto", { runId: LIVE_RUN });
      const high = stored.filter((a) => a.level === "high");
      expect(high).toHaveLength(1);
      // Each stored alert starts from the level the one before it left (no change stored twice).
      const bySituation = new Map<string, string>();
      for (const a of stored) {
        expect(a.previousLevel).toBe(bySituation.get(a.situation) ?? "none");
        bySituation.set(a.situation, a.level);
      }
      await untilAlerts("live-auto", stored.length);
      const issued = alertEvents("live-auto").find((a) => a.level === "high");
      expect(issued?.warning).toMatch(/^w-/u);
      const warning = (await f.store.db
        .selectFrom("warnings")
        .selectAll()
        .where("case_id", "=", "live-auto")
        .where("id", "=", issued?.warning ?? "")
        .executeTakeFirst()) as Record<string, unknown> | undefined;
      expect(warning).toBeDefined();
      expect(JSON.stringify(warning)).toContain("act-hr-mechanism");
      // The case without the setting keeps its alert a proposal: no engine warning in its ledger.
      const proposals = await f.store.db
        .selectFrom("warnings")
        .select("id")
        .where("case_id", "=", "live-watch")
        .execute();
      expect(proposals).toEqual([]);
    }, 60_000);

    it("lists the stored live alerts in GET /api/cases/{id}/alerts, marked live, redacted as every answer", async () => {
      const CANARY = "CANARY-LIVE-ALERT-7f3a";
      await createCase("live-secret");
      const handler = await app.request("/api/cases/live-secret/records/sources", {
        method: "POST",
        headers: { Cookie: f.cookie["source-handler"] ?? "", "Content-Type": "application/json" },
        body: JSON.stringify(
          confidentialSourceBody("src-live-secret", CANARY, {
            occurredAt: "2031-04-20",
            locator: `${CANARY}-own`,
          }),
        ),
      });
      expect(handler.status).toBe(201);
      for (const n of [1, 2, 3]) {
        const body = incident(n);
        const r = await post("/api/cases/live-secret/records/incidents", {
          ...body,
          citations: [...body.citations, { source: "src-live-secret", locator: `${CANARY}-loc-${n}` }],
        });
        expect([r.status, r.json.problems]).toEqual([201, undefined]);
        await live.idle();
      }
      const stored = await listAlerts(f.store, "live-secret", { runId: LIVE_RUN });
      expect(stored.some((a) => a.level === "high")).toBe(true);

      for (const role of ["viewer", "analyst"] as const) {
        const res = await app.request("/api/cases/live-secret/alerts", {
          headers: { Cookie: f.cookie[role] ?? "" },
        });
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(text, role).not.toContain(CANARY);
        const body = JSON.parse(text) as {
          liveAlerts: {
            origin: string;
            run: string;
            seq: number;
            raisedAt: string | null;
            raisedBy: string | null;
            criterion: { id: string; text: string } | null;
            alert: { level: string; previousLevel: string; situation: { id: string }; evidence: unknown[] };
          }[];
        };
        // The answer is what the OpenAPI document declares for the route.
        expect(AlertsViewSchema.safeParse(body).error).toBeUndefined();
        expect(body.liveAlerts.map((a) => [a.seq, a.alert.level, a.alert.previousLevel])).toEqual(
          stored.map((a) => [a.seq, a.level, a.previousLevel]),
        );
        for (const a of body.liveAlerts) {
          expect([a.origin, a.run, a.raisedAt, a.raisedBy]).toEqual([
            "live",
            LIVE_RUN,
            NOW.toISOString(),
            "live-assessor",
          ]);
        }
        const high = body.liveAlerts.find((a) => a.alert.level === "high");
        const payload = stored.find((a) => a.level === "high")?.payload as { criteria?: { id: string }[] };
        expect(high?.criterion?.id ?? null).toBe(payload.criteria?.[0]?.id ?? null);
        // The citation to the confidential source is still there, its locator blanked and labelled.
        const cited = (high?.alert.evidence as { citations: Record<string, string>[] }[]).flatMap(
          (e) => e.citations,
        );
        expect(cited.filter((c) => c.source === "src-live-secret")[0]).toEqual({
          source: "src-live-secret",
          locator: "",
          label: "Protected source",
        });
      }
      // An `asOf` before the day they were raised leaves them out; the replayed alerts stay a separate list.
      const before = await app.request("/api/cases/live-secret/alerts?asOf=2031-04-30", {
        headers: { Cookie: f.cookie.viewer ?? "" },
      });
      const b = (await before.json()) as { source: string; liveAlerts: unknown[]; alerts: unknown[] };
      expect([before.status, b.source, b.liveAlerts]).toEqual([200, "replay", []]);
    }, 60_000);

    it("sets a case's settings through PUT /api/cases/{id}/settings (a viewer may not; an unknown case is 404)", async () => {
      const put = (role: "analyst" | "viewer", url: string, body: unknown) =>
        app.request(url, {
          method: "PUT",
          headers: { Cookie: f.cookie[role] ?? "", "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
      const ok = await put("analyst", "/api/cases/live-watch/settings", { autoIssueWarnings: true });
      expect(ok.status).toBe(200);
      const row = await f.store.db
        .selectFrom("case_settings")
        .selectAll()
        .where("case_id", "=", "live-watch")
        .executeTakeFirst();
      expect(Number(row?.auto_issue_warnings)).toBe(1);
      // GET reads them back (a viewer may read; an unknown case is 404).
      const got = await app.request("/api/cases/live-watch/settings", {
        headers: { Cookie: f.cookie.viewer ?? "" },
      });
      expect([got.status, await got.json()]).toEqual([200, { settings: { autoIssueWarnings: true } }]);
      const fresh = await app.request("/api/cases/live-secret/settings", {
        headers: { Cookie: f.cookie.viewer ?? "" },
      });
      expect(await fresh.json()).toEqual({ settings: { autoIssueWarnings: false } });
      const none = await app.request("/api/cases/no-such-case/settings", {
        headers: { Cookie: f.cookie.viewer ?? "" },
      });
      expect(none.status).toBe(404);
      expect(
        (await put("viewer", "/api/cases/live-watch/settings", { autoIssueWarnings: false })).status,
      ).toBe(403);
      expect(
        (await put("analyst", "/api/cases/no-such-case/settings", { autoIssueWarnings: true })).status,
      ).toBe(404);
      const bad = await put("analyst", "/api/cases/live-watch/settings", { autoIssueWarnings: "yes" });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain("autoIssueWarnings");
    });
  });
});
