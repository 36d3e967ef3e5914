// The read cache (issue 15 item 6) on a real store — SQLite and, with TOCSIN_TEST_PG, PostgreSQL: a cached
// answer equals a fresh app's; a write through the API, or by another process on the same store, is seen by
// the next read; If-None-Match gives 304 until the data changes; a viewer never gets the body cached for a
// source-handler; the caches stay within their bounds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCacheOf } from "../../src/http/cache/read-cache.js";
import { createApp } from "../../src/http/app.js";
import { loadCase, openStore, type Store } from "../../src/storage/index.js";
import { encryptingCodec } from "../../src/storage/keys/index.js";
import { CASE_ID, confidentialCitations, rwandaBundle } from "./http-fixture.js";
import {
  noticePgSkipped,
  NOW,
  TRUST_DIALECTS,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "../security/trust-fixture.js";

noticePgSkipped("read-cache");

type App = ReturnType<TrustFixture["app"]>;

describe.each(TRUST_DIALECTS)("read cache on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let app: App;
  let confidentialLocators: string[];
  let sourceId: string;
  let n = 0;

  beforeAll(async () => {
    if (skip) return;
    const bundle = await rwandaBundle();
    ({ locators: confidentialLocators, openSource: sourceId } = confidentialCitations(bundle));
    f = await trustFixture(bundle, dialect);
    app = f.app("private");
  }, 120_000);
  afterAll(async () => f?.close());

  async function get(a: App, role: RoleUnderTest, url: string, headers: Record<string, string> = {}) {
    const res = await a.request(url, { headers: { Cookie: f.cookie[role] ?? "", ...headers } });
    return { status: res.status, text: await res.text(), etag: res.headers.get("ETag") };
  }

  /** `read()` until `ok` holds (at most 5 s), the last answer. */
  async function eventually<T>(read: () => Promise<T>, ok: (t: T) => boolean): Promise<T> {
    const until = performance.now() + 5000;
    let r = await read();
    while (!ok(r) && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      r = await read();
    }
    return r;
  }

  /** Post a new incident through the write API as the analyst; its id. */
  async function postIncident(a: App): Promise<string> {
    n += 1;
    const id = `inc-cache-${dialect}-${n}`;
    const res = await a.request(`/api/cases/${CASE_ID}/records/incidents`, {
      method: "POST",
      headers: { Cookie: f.cookie.analyst ?? "", "Content-Type": "application/json" },
      body: JSON.stringify({
        id,
        summary: `Cache test incident ${n}`,
        acts: ["massacre"],
        place: { country: "RWA" },
        occurredAt: NOW.toISOString().slice(0, 10),
        citations: [{ source: sourceId, locator: "p. 1" }],
      }),
    });
    expect(res.status, await res.text()).toBe(201);
    return id;
  }

  const timeline = `/api/cases/${CASE_ID}/timeline`;
  const ledger = `/api/cases/${CASE_ID}/ledger`;

  describe.skipIf(skip)("answers", () => {
    it("a cached answer is the same as a fresh app's, byte for byte", async () => {
      const freshApp = f.app("private");
      for (const url of [
        timeline,
        `${timeline}?from=1994-01-01&to=1994-01-31`,
        ledger,
        `${ledger}?asOf=1994-04-30`,
      ]) {
        const first = await get(app, "viewer", url);
        const cached = await get(app, "viewer", url);
        const fresh = await get(freshApp, "viewer", url);
        expect(first.status).toBe(200);
        expect(cached.text).toBe(first.text);
        expect(fresh.text).toBe(first.text);
        expect(cached.etag).toBe(first.etag);
      }
    }, 180_000);

    it("the next read after a write through the API reflects it, and its ETag changes", async () => {
      const before = await get(app, "viewer", timeline);
      expect((await get(app, "viewer", timeline, { "If-None-Match": before.etag ?? "" })).status).toBe(304);
      const id = await postIncident(app);
      const after = await get(app, "viewer", timeline);
      expect(before.text).not.toContain(id);
      expect(after.text).toContain(id);
      expect(after.etag).not.toBe(before.etag);
      expect((await get(app, "viewer", timeline, { "If-None-Match": before.etag ?? "" })).status).toBe(200);
      // The ledger "as of" today counts the new incident's day too: it is recomputed, equal to a fresh app's.
      const asOfNow = `${ledger}?asOf=${NOW.toISOString().slice(0, 10)}`;
      expect((await get(app, "viewer", asOfNow)).text).toBe(
        (await get(f.app("private"), "viewer", asOfNow)).text,
      );
    }, 120_000);

    it("a write by another process on the same store is seen by the next read", async () => {
      // A second store handle and app stand for a second server process on the same database.
      const other: Store = await openStore(f.dbPath, { identityCodec: encryptingCodec(f.fieldKey) });
      try {
        const otherApp = createApp({
          store: other,
          version: "test",
          analysis: f.analysis,
          security: {
            mode: "private",
            fieldKey: f.fieldKey,
            clock: () => NOW,
          },
        });
        const warm = await get(otherApp, "viewer", timeline);
        const id = await postIncident(app);
        expect(warm.text).not.toContain(id);
        // SQLite: the next read (data_version moved at the commit). PostgreSQL: the next read once the commit's
        // NOTIFY has reached the other process (a millisecond or so; polled here for up to 5 s).
        expect(
          (
            await eventually(
              () => get(otherApp, "viewer", timeline),
              (r) => r.text.includes(id),
            )
          ).text,
        ).toContain(id);
        // And a case load (the CLI's path) moves the version too.
        const reloaded = await rwandaBundle();
        const changed = {
          ...reloaded,
          manifest: { ...reloaded.manifest, title: "Reloaded title for the cache test" },
        };
        const beforeLoad = await get(otherApp, "viewer", `${ledger}?asOf=1994-04-30`);
        await loadCase(other, changed, { actor: "test" });
        const overview = await eventually(
          () => get(app, "viewer", `/api/overview`),
          (r) => r.text.includes("Reloaded title for the cache test"),
        );
        expect(overview.text).toContain("Reloaded title for the cache test");
        expect((await get(otherApp, "viewer", `${ledger}?asOf=1994-04-30`)).status).toBe(beforeLoad.status);
      } finally {
        await other.close();
      }
    }, 120_000);

    it("a viewer never gets the body cached for a source-handler", async () => {
      expect(confidentialLocators.length).toBeGreaterThan(0);
      const urls = ["alerts", "ledger", "scorecard"].map((a) => `/api/cases/${CASE_ID}/${a}`);
      let differing = 0;
      const publicApp = f.app("public");
      for (const url of urls) {
        // The handler's body first, so a cache keyed without the viewer would serve it to the viewer next.
        const handler = await get(app, "source-handler", url);
        const viewer = await get(app, "viewer", url);
        const anonymous = await get(publicApp, "anonymous", url);
        expect([handler.status, viewer.status, anonymous.status]).toEqual([200, 200, 200]);
        for (const answer of [viewer, anonymous])
          for (const l of confidentialLocators) expect(answer.text).not.toContain(l);
        if (!confidentialLocators.some((l) => handler.text.includes(l))) continue;
        differing += 1;
        expect(viewer.etag).not.toBe(handler.etag);
        // The handler's ETag does not unlock the handler's body for a viewer.
        const probe = await get(app, "viewer", url, { "If-None-Match": handler.etag ?? "" });
        expect(probe.status).toBe(200);
        for (const l of confidentialLocators) expect(probe.text).not.toContain(l);
      }
      // At least one analysis cites a confidential source, so the check above is not empty.
      expect(differing).toBeGreaterThan(0);
    }, 180_000);
  });

  describe.skipIf(skip)("bounds", () => {
    it("keeps at most the configured number of answers and analyses", async () => {
      const deps = {
        store: f.store,
        version: "test",
        analysis: f.analysis,
        readCache: { answers: 3, analyses: 2 },
      };
      const small = createApp(deps);
      const days = ["1994-01-31", "1994-02-28", "1994-03-31", "1994-04-30", "1994-05-31", "1994-06-30"];
      const bodies = [];
      for (const d of days) {
        const res = await small.request(`${ledger}?asOf=${d}`);
        expect(res.status).toBe(200);
        bodies.push(await res.text());
      }
      const cache = readCacheOf(deps);
      expect(cache.answers.size).toBe(3);
      expect(cache.analyses.size).toBe(2);
      // An evicted answer is computed again, equal to the first.
      expect(await (await small.request(`${ledger}?asOf=${days[0]}`)).text()).toBe(bodies[0]);
    }, 120_000);
  });
});
