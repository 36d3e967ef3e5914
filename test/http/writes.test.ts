// The write API (issue 15) on a real store — SQLite and, with TOCSIN_TEST_PG, PostgreSQL: a live case created;
// create, update and delete of every record kind (copies of the built-in case's records); If-Match (412 with the
// stored version, 428 without); Idempotency-Key; every field problem listed and nothing written; a reference
// into another case refused; a confidential source only for a source-handler, its protected fields never in an
// answer or an error; 413 over 1 MB; a viewer's write 403 and audited; a backdated knownAt needs a reason; a
// record event on GET /api/events.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_FILES } from "../../src/contracts/index.js";
import { RECORD_KINDS } from "../../src/domain/index.js";
import { getRecordVersions } from "../../src/storage/index.js";
import { CASE_DIR, CASE_ID, confidentialSourceBody, rwandaBundle } from "./http-fixture.js";
import {
  noticePgSkipped,
  TRUST_DIALECTS,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "../security/trust-fixture.js";

noticePgSkipped("writes");

const raw = (kind: (typeof RECORD_KINDS)[number]) =>
  JSON.parse(readFileSync(join(CASE_DIR, RECORD_FILES[kind]), "utf8")) as Record<string, unknown>[];

const CANARY = `cnry${Math.random().toString(36).slice(2, 10)}w`;

describe.each(TRUST_DIALECTS)("write API on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let app: ReturnType<TrustFixture["app"]>;

  beforeAll(async () => {
    if (skip) return;
    f = await trustFixture(await rwandaBundle(), dialect);
    app = f.app("private");
  }, 120_000);
  afterAll(async () => f?.close());

  async function call(
    role: RoleUnderTest,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Record<string, unknown>; text: string; etag: string | null }> {
    const cookie = f.cookie[role];
    const res = await app.request(url, {
      method,
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: res.status, json, text, etag: res.headers.get("ETag") };
  }

  const count = async (table: string) =>
    Number(
      (
        (await f.store.db
          .selectFrom(table as never)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()) as { n: number }
      ).n,
    );

  describe.skipIf(skip)("cases and every record kind", () => {
    it("creates a live case, 409 on the same id, and /auth/me says who is signed in", async () => {
      const body = { id: "live-desk", name: "Live desk", period: { start: "2031-01-01", end: null } };
      const r = await call("analyst", "POST", "/api/cases", body);
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ live: true, case: { id: "live-desk", period: { from: "2031-01-01" } } });
      expect((await call("analyst", "POST", "/api/cases", body)).status).toBe(409);
      const me = await call("analyst", "GET", "/auth/me");
      expect(me.json).toMatchObject({ user: { name: "u-analyst", role: "analyst" } });
      expect(typeof me.json.expiresAt).toBe("string");
      expect((await call("anonymous", "GET", "/auth/me")).status).toBe(401);
    });

    it("creates, updates and deletes a record of every kind, versioned, with ETags", async () => {
      for (const kind of RECORD_KINDS) {
        const original = raw(kind).find((r) => r.confidential !== true);
        if (!original) continue;
        const id = `${String(original.id)}-copy`;
        // A warning's requested actions have ids unique within the case: the copy gets its own.
        const copy: Record<string, unknown> =
          kind === "warning"
            ? {
                ...original,
                id,
                requestedActions: (original.requestedActions as { id: string }[]).map((a) => ({
                  ...a,
                  id: `${a.id}-copy`,
                })),
              }
            : { ...original, id };
        const url = `/api/cases/${CASE_ID}/records/${RECORD_FILES[kind].replace(".json", "")}`;
        const created = await call("analyst", "POST", url, {
          ...copy,
          backfillReason: "entered from the archive",
        });
        expect([kind, created.status, created.json.problems]).toEqual([kind, 201, undefined]);
        const v1 = created.json.version as string;
        expect(created.etag).toBe(`"${v1}"`);
        const got = await call("analyst", "GET", `/api/records/${kind}/${id}?case=${CASE_ID}`);
        expect([kind, got.etag]).toEqual([kind, `"${v1}"`]);

        const changed = {
          ...copy,
          notes: "corrected after review",
          backfillReason: "entered from the archive",
        };
        const updated = await call("analyst", "PUT", `${url}/${id}`, changed, { "If-Match": `"${v1}"` });
        expect([kind, updated.status]).toEqual([kind, 200]);
        const v2 = updated.json.version as string;
        expect(v2).not.toBe(v1);
        expect((updated.json.record as { notes: string }).notes).toBe("corrected after review");

        const stale = await call("analyst", "PUT", `${url}/${id}`, changed, { "If-Match": `"${v1}"` });
        expect([kind, stale.status, stale.json.currentVersion]).toEqual([kind, 412, v2]);
        expect((stale.json.current as { notes: string }).notes).toBe("corrected after review");
        expect((await call("analyst", "PUT", `${url}/${id}`, changed)).status).toBe(428);
        expect((await call("analyst", "DELETE", `${url}/${id}`)).status).toBe(428);

        const deleted = await call("analyst", "DELETE", `${url}/${id}`, undefined, { "If-Match": `"${v2}"` });
        expect([kind, deleted.status]).toEqual([kind, 204]);
        expect((await call("analyst", "GET", `/api/records/${kind}/${id}?case=${CASE_ID}`)).status).toBe(404);
        // Soft: both earlier versions are kept, the last one as deleted.
        const versions = await getRecordVersions(f.store, kind, id, CASE_ID);
        // (The fixture's clock stands still, so both writes have the same time: compared as a set.)
        expect([kind, versions.map((v) => [v.version, v.change]).sort()]).toEqual([
          kind,
          [
            [v1, "updated"],
            [v2, "deleted"],
          ].sort(),
        ]);
      }
    }, 120_000);

    it("refuses to delete a source other records cite (409 naming them), and writes nothing", async () => {
      const src = raw("source").find((s) => s.confidential !== true) as { id: string };
      const got = await call("analyst", "GET", `/api/records/source/${src.id}?case=${CASE_ID}`);
      const leaves = await count("log_leaves");
      const r = await call(
        "analyst",
        "DELETE",
        `/api/cases/${CASE_ID}/records/sources/${src.id}`,
        undefined,
        {
          "If-Match": got.etag ?? "",
        },
      );
      expect(r.status).toBe(409);
      expect((r.json.problems as { record: string }[]).length).toBeGreaterThan(0);
      expect(await count("log_leaves")).toBe(leaves);
    });
  });

  describe.skipIf(skip)("bad input", () => {
    const incident = (over: Record<string, unknown> = {}) => ({
      id: "inc-live-1",
      summary: "Militia kill villagers of the group.",
      acts: ["massacre"],
      place: { country: "RWA" },
      perpetrators: [raw("actor")[0]?.id],
      targetGroup: raw("group")[0]?.id,
      organised: "documented",
      stateInvolvement: "confirmed",
      occurredAt: "2031-04-30",
      citations: [{ source: raw("source").find((s) => s.confidential !== true)?.id, locator: "p. 1" }],
      ...over,
    });
    const url = `/api/cases/${CASE_ID}/records/incidents`;

    it("lists every field problem and writes nothing", async () => {
      const before = [await count("incidents"), await count("log_leaves"), await count("record_writes")];
      const r = await call(
        "analyst",
        "POST",
        url,
        incident({ organised: "perhaps", perpetrators: ["no-such-actor"], citations: [] }),
      );
      expect(r.status).toBe(400);
      expect(r.json.problems).toHaveLength(3);
      expect(r.json.problems).toEqual(
        expect.arrayContaining([
          { path: "organised", message: expect.any(String) },
          { path: "citations", message: "every record cites at least one source" },
          { path: "perpetrators[0]", message: 'unknown actor (actors.json) "no-such-actor"' },
        ]),
      );
      expect([await count("incidents"), await count("log_leaves"), await count("record_writes")]).toEqual(
        before,
      );
    });

    it("refuses a reference into another case", async () => {
      await call("analyst", "POST", "/api/cases", {
        id: "other-case",
        name: "Other",
        period: { start: "2031-01-01", end: null },
      });
      const r = await call("analyst", "POST", "/api/cases/other-case/records/incidents", incident());
      expect(r.status).toBe(400);
      expect((r.json.problems as { path: string }[]).map((p) => p.path)).toEqual([
        "citations[0].source",
        "perpetrators[0]",
        "targetGroup",
      ]);
    });

    it("knownAt defaults to today; a backdated one needs a reason and is marked backfilled", async () => {
      const today = await call("analyst", "POST", url, incident());
      expect(today.status).toBe(201);
      expect((today.json.record as { knownAt: string }).knownAt).toBe("2031-05-01");
      const old = incident({ id: "inc-live-2", occurredAt: "2031-03-01", knownAt: "2031-03-02" });
      const refused = await call("analyst", "POST", url, old);
      expect(refused.json.problems).toEqual([{ path: "backfillReason", message: expect.any(String) }]);
      const ok = await call("analyst", "POST", url, { ...old, backfillReason: "field notes typed up late" });
      expect(ok.status).toBe(201);
      const mark = await f.store.db
        .selectFrom("record_backfills")
        .selectAll()
        .where("record_id", "=", "inc-live-2")
        .executeTakeFirst();
      expect(mark).toMatchObject({
        reason: "field notes typed up late",
        entered_by: f.principal.analyst.userId,
      });
      const future = await call(
        "analyst",
        "POST",
        url,
        incident({ id: "inc-live-3", knownAt: "2031-06-01" }),
      );
      expect(future.json.problems).toEqual([
        { path: "knownAt", message: expect.stringContaining("after today") },
      ]);
    });

    it("Idempotency-Key: a retry returns the first answer and creates one record; another body is 422", async () => {
      const body = incident({ id: "inc-idem" });
      const h = { "Idempotency-Key": "key-1" };
      const a = await call("analyst", "POST", url, body, h);
      const b = await call("analyst", "POST", url, body, h);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.json).toEqual(a.json);
      expect(b.etag).toBe(a.etag);
      const n = await f.store.db.selectFrom("incidents").select("id").where("id", "=", "inc-idem").execute();
      expect(n).toHaveLength(1);
      expect((await call("analyst", "POST", url, incident({ id: "inc-idem-2" }), h)).status).toBe(422);
    });

    it("answers 413 over 1 MB", async () => {
      const r = await call("analyst", "POST", url, incident({ notes: "x".repeat(1024 * 1024 + 10) }));
      expect(r.status).toBe(413);
    });

    it("a viewer's write is 403 and audited; anonymous is 401", async () => {
      const r = await call("viewer", "POST", url, incident({ id: "inc-viewer" }));
      expect(r.status).toBe(403);
      const audit = (await f.store.db
        .selectFrom("audit_events" as never)
        .select(["actor", "action", "outcome"] as never)
        .where("actor" as never, "=", f.principal.viewer.userId as never)
        .execute()) as { action: string; outcome: string }[];
      expect(audit).toContainEqual({
        actor: f.principal.viewer.userId,
        action: "POST /api/cases/:caseId/records/:kind",
        outcome: "denied",
      });
      expect((await call("anonymous", "POST", url, incident({ id: "inc-anon" }))).status).toBe(401);
    });
  });

  describe.skipIf(skip)("confidential sources", () => {
    const informant = (over: Record<string, unknown> = {}) => ({
      ...confidentialSourceBody("src-informant-live", CANARY, { occurredAt: "2031-04-30" }),
      ...over,
    });
    const url = `/api/cases/${CASE_ID}/records/sources`;

    it("only a source-handler creates one; its protected fields are in no answer or error", async () => {
      const denied = await call("analyst", "POST", url, informant());
      expect(denied.status).toBe(403);
      expect(denied.text).not.toContain(CANARY);
      const bad = await call(
        "source-handler",
        "POST",
        url,
        informant({ reliability: `${CANARY}-x`, credibility: 9 }),
      );
      expect(bad.status).toBe(400);
      expect((bad.json.problems as unknown[]).length).toBeGreaterThan(0);
      expect(bad.text).not.toContain(CANARY);
      const made = await call("source-handler", "POST", url, informant());
      expect(made.status).toBe(201);
      expect(made.text).not.toContain(CANARY);
      const rows = await f.store.db
        .selectFrom("source_identities")
        .select("value")
        .where("source_id", "=", "src-informant-live")
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.value.startsWith("enc:v1:"))).toBe(true);
      const got = await call(
        "source-handler",
        "GET",
        `/api/records/source/src-informant-live?case=${CASE_ID}`,
      );
      expect(got.text).not.toContain(CANARY);
      const audit = (await f.store.db
        .selectFrom("audit_events" as never)
        .select("line" as never)
        .execute()) as {
        line: string;
      }[];
      expect(audit.map((a) => a.line).join("\n")).not.toContain(CANARY);
    });
  });

  describe.skipIf(skip)("events", () => {
    it("publishes a record event on GET /api/events after a committed write", async () => {
      const res = await app.request("/api/events", { headers: { Cookie: f.cookie.viewer ?? "" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toContain("text/event-stream");
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let seen = "";
      const until = async (needle: string) => {
        while (!seen.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += decoder.decode(value);
        }
      };
      await until("event: ready");
      const group = {
        ...raw("group")[0],
        id: "grp-live-events",
        knownAt: "2031-05-01",
        occurredAt: "2031-05-01",
      };
      expect((await call("analyst", "POST", `/api/cases/${CASE_ID}/records/groups`, group)).status).toBe(201);
      await until("grp-live-events");
      await reader.cancel();
      expect(seen).toContain("event: record");
      expect(seen).toContain('"op":"create"');
    });
  });
});
