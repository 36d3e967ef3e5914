// The desk's API with accounts: issuing needs records:write (analyst/admin), viewers and anonymous callers are
// refused; bad input names its fields; the deliveries list never shows a contact point's address.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskKeyFrom } from "../../src/desk/index.js";
import { createApp } from "../../src/http/app.js";
import { EventHub, type LiveEvent } from "../../src/http/live/live-updates.js";
import { addContactPoint } from "../../src/storage/desk/index.js";
import { CANARY, syntheticBundle } from "../storage/fixtures.js";
import { NOW, trustFixture, type TrustFixture } from "../security/trust-fixture.js";

let f: TrustFixture;
let app: ReturnType<typeof createApp>;
/** What GET /api/events would have sent. */
const hub = new EventHub();
const events: LiveEvent[] = [];
hub.subscribe((e) => events.push(e));

beforeAll(async () => {
  f = await trustFixture(syntheticBundle());
  app = createApp({
    store: f.store,
    version: "test",
    webRoot: join(import.meta.dirname, "missing-web-root"),
    security: {
      mode: "public",
      fieldKey: f.fieldKey,
      verifier: { name: f.signer.name, publicKey: f.signer.publicKey },
      signer: f.signer,
      clock: () => NOW,
    },
    desk: { clock: () => NOW, deskKey: deskKeyFrom(f.fieldKey) },
    live: hub,
  });
  await addContactPoint(
    f.store,
    {
      caseId: "xvl-test",
      actorId: "un-hq",
      channel: "email",
      address: "hq-secret-address@example.org",
      language: "en",
    },
    NOW.toISOString(),
  );
}, 60_000);
afterAll(async () => f?.close());

const body = {
  sender: "un-mission",
  recipients: ["un-hq"],
  summary: "Militia training observed",
  requestedActions: [{ id: "a1", kind: "seize-arms", description: "Raid the caches", dueAt: "2031-05-04" }],
  evidence: ["inc-training"],
};
const post = (cookie: string | undefined, b: unknown) =>
  app.request("/api/cases/xvl-test/warnings/issue", {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(b),
  });

describe("POST /api/cases/{caseId}/warnings/issue", () => {
  it("refuses anonymous callers and viewers", async () => {
    expect((await post(undefined, body)).status).toBe(401);
    expect((await post(f.cookie.viewer, body)).status).toBe(403);
  });

  it("issues for an analyst: the ledger record and its queued delivery; the list shows no address", async () => {
    const res = await post(f.cookie.analyst, { ...body, id: "w-http-1" });
    expect(res.status).toBe(201);
    const r = (await res.json()) as {
      warning: { id: string };
      deliveries: { recipient: string }[];
      unreachable: string[];
    };
    expect(r.warning.id).toBe("w-http-1");
    // An open dashboard hears of it like any other write: ids only.
    expect(events).toContainEqual({
      event: "record",
      data: { caseId: "xvl-test", kind: "warning", id: "w-http-1", version: null, op: "create" },
    });
    expect(r.deliveries.map((d) => d.recipient)).toEqual(["un-hq"]);
    expect(r.unreachable).toEqual([]);
    const list = await app.request("/api/cases/xvl-test/warnings/w-http-1/deliveries", {
      headers: { cookie: f.cookie.analyst! },
    });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain('"state":"queued"');
    expect(text).not.toContain("hq-secret-address");
  });

  it("names each invalid field, and writes nothing", async () => {
    const res = await post(f.cookie.analyst, { ...body, id: "w-http-2", recipients: ["nobody"] });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { invalidParams?: { name: string; reason: string }[] };
    expect(problem.invalidParams).toEqual([
      { name: "body.recipients[0]", reason: 'no actor "nobody" in case xvl-test' },
    ]);
    const again = await post(f.cookie.analyst, { ...body, id: "w-http-2" });
    expect(again.status).toBe(201);
  });
});

describe("GET /api/cases/{caseId}/desk", () => {
  it("shows a viewer the board of issued warnings, per recipient, with no contact address", async () => {
    await post(f.cookie.analyst, { ...body, id: "w-http-board" });
    expect((await app.request("/api/cases/xvl-test/desk")).status).toBe(401);
    const res = await app.request("/api/cases/xvl-test/desk", { headers: { cookie: f.cookie.viewer! } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("hq-secret-address");
    expect(text).not.toContain(CANARY.name);
    expect(text).not.toContain(CANARY.contact);
    const board = JSON.parse(text) as {
      warnings: {
        warning: string;
        dueAt: string;
        recipients: { actor: string; delivery: string; answer: string }[];
      }[];
      scorecard: { actor: string; warned: number; awaiting: number }[];
    };
    const w = board.warnings.find((x) => x.warning === "w-http-board");
    expect(w).toMatchObject({ dueAt: "2031-05-04" });
    expect(w?.recipients).toEqual([
      { actor: "un-hq", name: expect.any(String), delivery: "queued", answer: "awaiting" },
    ]);
    expect(board.scorecard.find((s) => s.actor === "un-hq")?.warned).toBeGreaterThanOrEqual(1);
    const missing = await app.request("/api/cases/no-such-case/desk", {
      headers: { cookie: f.cookie.viewer! },
    });
    expect(missing.status).toBe(404);
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(doc.paths["/api/cases/{caseId}/desk"]).toBeDefined();
  });
});

describe("GET /api/cases/{caseId}/warnings/drafts", () => {
  it("is for roles that may issue; it lists no stored alert here and holds no protected field", async () => {
    expect(
      (await app.request("/api/cases/xvl-test/warnings/drafts", { headers: { cookie: f.cookie.viewer! } }))
        .status,
    ).toBe(403);
    const res = await app.request("/api/cases/xvl-test/warnings/drafts", {
      headers: { cookie: f.cookie.analyst! },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ items: [] });
    expect(text).not.toContain(CANARY.name);
  });
});
