// The desk end to end on SQLite with real servers on loopback: an e-mail received by smtp-server and parsed
// with mailparser whose link records the answer; a webhook failing three times then accepting once; time moved
// past a due date (one escalation; none when answered); answer-token refusals, each audited.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ParsedMail } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  dispatchOnce,
  emailChannel,
  issueWarning,
  outboxChannel,
  runWorker,
  tokenOf,
  watchDeadlines,
  webhookChannel,
  type DispatcherDeps,
} from "../../src/desk/index.js";
import { createApp } from "../../src/http/app.js";
import { EventHub, type LiveEvent } from "../../src/http/live/live-updates.js";
import { readCase, type Store } from "../../src/storage/index.js";
import { addContactPoint, listDeliveries } from "../../src/storage/desk/index.js";

import { verifyLog } from "../../src/storage/log/log-verify.js";
import { CANARY } from "../storage/fixtures.js";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.js";
import { CASE_ID, DESK_KEY, deskStore, movableClock, type MovableClock } from "./desk-fixture.js";

let store: Store;
let done: () => Promise<void>;
let time: MovableClock;

beforeEach(async () => {
  ({ store, done } = await deskStore());
  time = movableClock("2031-03-01T09:00:00.000Z");
});
afterEach(async () => done());

const issue = (over: Partial<Parameters<typeof issueWarning>[0]> = {}) =>
  issueWarning(
    {
      caseId: CASE_ID,
      sender: "un-hq",
      recipients: ["un-mission"],
      summary: "Arms caches are being distributed to militia",
      requestedActions: [
        { id: "a1", kind: "seize-arms", description: "Seize the arms caches", dueAt: "2031-03-05" },
      ],
      evidence: ["inc-training", "src-informant"],
      ...over,
    },
    { store, clock: time.clock, deskKey: DESK_KEY, actor: "test" },
  );

const dispatcher = (
  channels: DispatcherDeps["channels"],
  over: Partial<DispatcherDeps> = {},
): DispatcherDeps => ({
  store,
  clock: time.clock,
  deskKey: DESK_KEY,
  baseUrl: "http://localhost:8787",
  channels,
  owner: "test-worker",
  ...over,
});

async function auditReasons(action: string): Promise<string[]> {
  const rows = await store.db.selectFrom("audit_events").selectAll().where("action", "=", action).execute();
  return rows.map((r) => (JSON.parse(r.line) as { reason?: string }).reason ?? r.outcome ?? "");
}

describe("issue → e-mail → answer link", () => {
  let sink: SmtpSink;
  let port: number;
  let mails: ParsedMail[];
  beforeEach(async () => {
    sink = await startSmtpSink();
    ({ port, mails } = sink);
  });
  afterEach(async () => sink.close());

  it("commits the warning and its deliveries together, delivers in the recipient's language, and the link records the answer once", async () => {
    await addContactPoint(
      store,
      {
        caseId: CASE_ID,
        actorId: "un-mission",
        channel: "email",
        address: "mission@example.org",
        language: "fr",
      },
      "2031-03-01T00:00:00Z",
    );
    const issued = await issue();
    expect(issued?.deliveries).toHaveLength(1);
    const bundle = await readCase(store, CASE_ID);
    expect(bundle?.records.warning.some((w) => w.id === issued?.warning.id)).toBe(true);

    const email = emailChannel({ host: "127.0.0.1", port, from: "desk@tocsin.example" });
    const r = await dispatchOnce(dispatcher({ email }));
    await email.close?.();
    expect(r).toEqual({ claimed: 1, delivered: 1, failed: 0, dead: 0 });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    const key = issued!.deliveries[0]!.key;
    expect(mail.messageId).toBe(`<${key}@tocsin.example>`);
    expect(mail.headers.get("content-language")).toBe("fr");
    expect(mail.subject).toContain("Alerte");
    expect(mail.text).toContain("Il vous est demandé de");
    expect(mail.text).toContain("Seize the arms caches (seize-arms; échéance 2031-03-05)");
    expect(mail.text).toContain("Protected source");
    expect(mail.text).not.toContain(CANARY.name);
    expect(mail.html).toContain('<a href="http://localhost:8787/answer/');
    const [row] = await listDeliveries(store.db, CASE_ID);
    expect(row?.state).toBe("delivered");
    expect(row?.receipt).toMatch(/^250/);

    const link = /http:\/\/localhost:8787(\/answer\/[A-Za-z0-9_-]{43})/.exec(mail.text ?? "")![1]!;
    const app = createApp({ store, desk: { clock: time.clock, deskKey: DESK_KEY } });
    const page = await app.request(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Seize the arms caches");
    expect(html).not.toContain(CANARY.name);
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const post = (body: Record<string, string>, headers: Record<string, string> = { cookie }) =>
      app.request(link, { method: "POST", headers, body: new URLSearchParams(body) });
    // No CSRF cookie: refused.
    expect((await post({ csrf, answer: "acknowledge" }, {})).status).toBe(403);
    const ok = await post({
      csrf,
      warning: issued!.warning.id,
      answer: "refuse",
      reason: "mandate",
      action: "a1",
      text: "Not within our mandate",
    });
    expect(ok.status).toBe(200);
    const after = await readCase(store, CASE_ID);
    const resp = after!.records.response.find((x) => x.warning === issued!.warning.id);
    expect(resp).toMatchObject({
      actor: "un-mission",
      kind: "refusal",
      refusalReason: "mandate",
      requestedAction: "a1",
      knownAt: "2031-03-01",
      summary: "Not within our mandate",
    });
    expect(resp!.citations[0]!.source).toMatch(/^src-answer-/);
    // Written through the API's versioned writer: a version (the API's ETag), a journal row, a log leaf, an audit.
    const journal = await store.db
      .selectFrom("record_writes")
      .selectAll()
      .where("record_kind", "=", "response")
      .where("record_id", "=", resp!.id)
      .execute();
    expect(journal).toMatchObject([
      { op: "create", actor: "answer:un-mission", at: "2031-03-01T09:00:00.000Z" },
    ]);
    expect(journal[0]!.version).toMatch(/^[0-9a-f]{20}$/);
    const got = await app.request(`/api/records/response/${resp!.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get("etag")).toBe(`"${journal[0]!.version}"`);
    const leaves = await store.db
      .selectFrom("log_leaves")
      .selectAll()
      .where("table_name", "=", "responses")
      .execute();
    expect(leaves.filter((l) => l.record_key.includes(resp!.id)).map((l) => l.action)).toEqual(["response"]);
    const audits = await store.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "record.create")
      .execute();
    expect(audits.map((a) => a.target)).toEqual(
      expect.arrayContaining([`${CASE_ID}/warning/${issued!.warning.id}`, `${CASE_ID}/response/${resp!.id}`]),
    );
    expect((await verifyLog(store.db)).ok).toBe(true);
    // Replay of the same link.
    expect((await post({ csrf, answer: "acknowledge" })).status).toBe(404);
    expect(await auditReasons("answer.token")).toContain("used");
    expect(await auditReasons("answer.csrf")).toHaveLength(1);
  });
});

describe("webhook", () => {
  let server: Server;
  let url: string;
  const hits: { at: number; key: string }[] = [];
  beforeEach(async () => {
    hits.length = 0;
    server = createServer((req, res) => {
      hits.push({ at: Date.now(), key: String(req.headers["idempotency-key"]) });
      req.resume();
      req.on("end", () => {
        res.statusCode = hits.length <= 3 ? 503 : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterEach(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fails three times, then is accepted once, with retries spaced by the backoff", async () => {
    // Real time here: the spacing is measured at the receiver.
    time.set(new Date().toISOString());
    await addContactPoint(
      store,
      { caseId: CASE_ID, actorId: "un-mission", channel: "webhook", address: url, language: "en" },
      "2031-03-01T00:00:00Z",
    );
    await issue();
    const deps = dispatcher(
      { webhook: webhookChannel({ secret: "0123456789abcdef0123" }) },
      { clock: () => new Date(), backoff: { baseMs: 100, capMs: 10_000 }, random: () => 0.5 },
    );
    const until = Date.now() + 10_000;
    let delivered = 0;
    while (delivered === 0 && Date.now() < until) {
      delivered += (await dispatchOnce(deps)).delivered;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(hits).toHaveLength(4);
    expect(new Set(hits.map((h) => h.key)).size).toBe(1);
    const gaps = hits.slice(1).map((h, i) => h.at - hits[i]!.at);
    // Nominal 100, 200, 400 ms with jitter 0.5 → 75, 150, 300 ms at least.
    expect(gaps[0]).toBeGreaterThanOrEqual(70);
    expect(gaps[1]).toBeGreaterThanOrEqual(145);
    expect(gaps[2]).toBeGreaterThanOrEqual(295);
    const [row] = await listDeliveries(store.db, CASE_ID);
    expect(row).toMatchObject({ state: "delivered", receipt: "HTTP 200", attempts: 4 });
    // Nothing more to send.
    expect((await dispatchOnce(deps)).claimed).toBe(0);
    expect(hits).toHaveLength(4);
  });

  it("goes to the dead letter after maxAttempts", async () => {
    server.removeAllListeners("request");
    server.on("request", (_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    await addContactPoint(
      store,
      { caseId: CASE_ID, actorId: "un-mission", channel: "webhook", address: url, language: "en" },
      "2031-03-01T00:00:00Z",
    );
    await issue();
    const deps = dispatcher(
      { webhook: webhookChannel({ secret: "0123456789abcdef0123" }) },
      { maxAttempts: 2, backoff: { baseMs: 1000, capMs: 1000 } },
    );
    expect((await dispatchOnce(deps)).failed).toBe(1);
    time.advance(2000);
    expect((await dispatchOnce(deps)).dead).toBe(1);
    time.advance(60_000);
    expect((await dispatchOnce(deps)).claimed).toBe(0);
    const [row] = await listDeliveries(store.db, CASE_ID);
    expect(row).toMatchObject({ state: "dead", receipt: "HTTP 500", attempts: 2 });
  });
});

describe("deadline watcher", () => {
  const deps = () => ({ store, clock: time.clock, deskKey: DESK_KEY, actor: "desk-watcher" });

  it("reminds before the due date and escalates once to the next role when it passes unanswered", async () => {
    const w = await issue();
    time.set("2031-03-05T01:00:00.000Z");
    expect(await watchDeadlines(deps())).toMatchObject({ reminders: 1, escalations: [] });
    expect(await watchDeadlines(deps())).toMatchObject({ reminders: 0, escalations: [] });
    time.set("2031-03-07T10:00:00.000Z");
    const first = await watchDeadlines(deps());
    expect(first.escalations).toHaveLength(1);
    expect((await watchDeadlines(deps())).escalations).toHaveLength(0);
    const esc = (await readCase(store, CASE_ID))!.records.warning.find((x) => x.id === first.escalations[0]);
    expect(esc).toMatchObject({ recipients: ["un-hq"], origin: "engine", evidence: w!.warning.evidence });
    expect(esc!.summary).toContain("2 day(s) overdue");
    expect(esc!.requestedActions[0]).toMatchObject({ kind: "seize-arms", dueAt: "2031-03-10" });
  });

  it("does not escalate a request answered before its due date", async () => {
    await addContactPoint(
      store,
      {
        caseId: CASE_ID,
        actorId: "un-mission",
        channel: "outbox",
        address: `${process.env.TMPDIR ?? "/tmp"}/desk-${Date.now()}.jsonl`,
        language: "en",
      },
      "2031-03-01T00:00:00Z",
    );
    const w = await issue();
    await dispatchOnce(dispatcher({ outbox: outboxChannel() }));
    const row = await store.db.selectFrom("desk_answer_tokens").selectAll().executeTakeFirstOrThrow();
    const hub = new EventHub();
    const events: LiveEvent[] = [];
    hub.subscribe((e) => events.push(e));
    const app = createApp({ store, desk: { clock: time.clock, deskKey: DESK_KEY }, live: hub });
    const link = `/answer/${tokenOf(DESK_KEY, row.nonce)}`;
    const page = await app.request(link);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const res = await app.request(link, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ csrf, answer: "acknowledge", warning: w!.warning.id }),
    });
    expect(res.status).toBe(200);
    // The answer is a write an open dashboard hears of (ids only, never the answer's text).
    expect(events).toEqual([
      {
        event: "record",
        data: { caseId: CASE_ID, kind: "response", id: expect.any(String), version: null, op: "create" },
      },
    ]);
    time.set("2031-03-09T10:00:00.000Z");
    expect(await watchDeadlines(deps())).toMatchObject({ reminders: 0, escalations: [] });
  });
});

describe("channels a worker lacks", () => {
  it("leaves a delivery whose channel this worker cannot send for one that can, spending no attempt", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tocsin-desk-outbox-"));
    try {
      await addContactPoint(
        store,
        {
          caseId: CASE_ID,
          actorId: "un-mission",
          channel: "outbox",
          address: path.join(dir, "out.jsonl"),
          language: "en",
        },
        "2031-03-01T00:00:00Z",
      );
      await issue();
      const webhookOnly = webhookChannel({ secret: "0123456789abcdef0123" });
      for (let i = 0; i < 3; i++)
        expect(await dispatchOnce(dispatcher({ webhook: webhookOnly }))).toEqual({
          claimed: 0,
          delivered: 0,
          failed: 0,
          dead: 0,
        });
      expect(await listDeliveries(store.db, CASE_ID)).toMatchObject([{ state: "queued", attempts: 0 }]);
      expect(await dispatchOnce(dispatcher({ outbox: outboxChannel() }))).toMatchObject({ delivered: 1 });
      expect(await listDeliveries(store.db, CASE_ID)).toMatchObject([{ state: "delivered", attempts: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("answer-token refusals", () => {
  it("refuses malformed, tampered, foreign, expired and reused tokens, each audited", async () => {
    const w = await issue();
    const row = await store.db.selectFrom("desk_answer_tokens").selectAll().executeTakeFirstOrThrow();
    const token = tokenOf(DESK_KEY, row.nonce);
    const app = createApp({ store, desk: { clock: time.clock, deskKey: DESK_KEY } });
    expect((await app.request("/answer/not-a-token")).status).toBe(404);
    const tampered = (token[0] === "A" ? "B" : "A") + token.slice(1);
    expect((await app.request(`/answer/${tampered}`)).status).toBe(404);
    // A token made with another install's key.
    const other = tokenOf(Buffer.alloc(32, 9), row.nonce);
    expect((await app.request(`/answer/${other}`)).status).toBe(404);
    // A form for another warning.
    const page = await app.request(`/answer/${token}`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const post = (t: string, warning: string) =>
      app.request(`/answer/${t}`, {
        method: "POST",
        headers: { cookie },
        body: new URLSearchParams({ csrf, answer: "acknowledge", warning }),
      });
    expect((await post(token, "warn-cable")).status).toBe(404);
    expect((await post(token, w!.warning.id)).status).toBe(200);
    expect((await post(token, w!.warning.id)).status).toBe(404);
    // Expired: a second warning, the clock moved past its link's expiry.
    await issue({ id: "w-second", requestedActions: [] });
    const second = await store.db
      .selectFrom("desk_answer_tokens")
      .selectAll()
      .where("warning_id", "=", "w-second")
      .executeTakeFirstOrThrow();
    time.set(new Date(Date.parse(second.expires_at) + 1000).toISOString());
    expect((await app.request(`/answer/${tokenOf(DESK_KEY, second.nonce)}`)).status).toBe(404);
    expect((await auditReasons("answer.token")).sort()).toEqual([
      "expired",
      "foreign",
      "malformed",
      "unknown",
      "unknown",
      "used",
    ]);
  });
});

describe("issuing", () => {
  it("writes nothing when the warning is invalid or its id exists, naming each problem", async () => {
    await addContactPoint(
      store,
      {
        caseId: CASE_ID,
        actorId: "un-mission",
        channel: "outbox",
        address: "/nonexistent/x.jsonl",
        language: "en",
      },
      "2031-03-01T00:00:00Z",
    );
    const before = (await readCase(store, CASE_ID))!.records.warning.length;
    await expect(
      issue({ recipients: ["un-mission", "nobody"], evidence: ["missing-record"] }),
    ).rejects.toMatchObject({
      code: "DESK_INVALID",
      problems: [
        { path: "recipients[1]", message: 'no actor "nobody" in case xvl-test' },
        { path: "evidence[0]", message: 'no record "missing-record" in case xvl-test' },
      ],
    });
    // An id already in the ledger: the transaction rolls back, so no token and no delivery either.
    await expect(issue({ id: "warn-cable" })).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect((await readCase(store, CASE_ID))!.records.warning.length).toBe(before);
    expect(await listDeliveries(store.db, CASE_ID)).toEqual([]);
    expect(await store.db.selectFrom("desk_answer_tokens").selectAll().execute()).toEqual([]);
  });
});

describe("worker on SQLite", () => {
  it("lets one process work; a second says so and waits, then takes over when the first stops", async () => {
    const logs: string[] = [];
    const deps = (owner: string) => ({
      dispatcher: dispatcher({}, { owner, clock: () => new Date() }),
      watcher: { store, clock: () => new Date(), deskKey: DESK_KEY, actor: "desk-watcher" },
      pollMs: 20,
      log: (l: string) => logs.push(`${owner}: ${l}`),
    });
    const first = new AbortController();
    const second = new AbortController();
    const a = runWorker({ ...deps("first"), signal: first.signal });
    await new Promise((r) => setTimeout(r, 100));
    const b = runWorker({ ...deps("second"), signal: second.signal });
    await new Promise((r) => setTimeout(r, 100));
    expect(
      logs.filter(
        (l) => l.startsWith("second:") && l.includes("works this SQLite store's deliveries; waiting"),
      ),
    ).toHaveLength(1);
    first.abort();
    await a;
    await new Promise((r) => setTimeout(r, 150));
    expect(logs.some((l) => l.startsWith("second:") && l.includes("this one works the deliveries now"))).toBe(
      true,
    );
    second.abort();
    await b;
  });
});
