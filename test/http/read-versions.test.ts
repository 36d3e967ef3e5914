// Which version a read is answered at (issue 15 item 6), on SQLite and, with TOCSIN_TEST_PG, PostgreSQL:
// every cached answer names its store version in Tocsin-Version and every write the version after it; with a
// staleness bound a reader may be given the answer from before a write (labelled with its older version)
// while the writer, and any client sending Tocsin-Min-Version, gets one that has the write; without a bound
// every read has every write committed before it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { versionAtLeast } from "../../src/storage/index.js";
import { CASE_ID, rwandaBundle } from "./http-fixture.js";
import {
  noticePgSkipped,
  NOW,
  TRUST_DIALECTS,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "../security/trust-fixture.js";

noticePgSkipped("read-versions");

type App = ReturnType<TrustFixture["app"]>;

describe.each(TRUST_DIALECTS)("read versions on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let sourceId: string;
  let n = 0;

  beforeAll(async () => {
    if (skip) return;
    const bundle = await rwandaBundle();
    sourceId = bundle.records.source.find((s) => !s.confidential)?.id ?? "";
    f = await trustFixture(bundle, dialect);
  }, 120_000);
  afterAll(async () => f?.close());

  async function get(a: App, role: RoleUnderTest, url: string, headers: Record<string, string> = {}) {
    const res = await a.request(url, { headers: { Cookie: f.cookie[role] ?? "", ...headers } });
    return { status: res.status, text: await res.text(), version: res.headers.get("Tocsin-Version") ?? "" };
  }

  /** Post a new incident as the analyst: its id and the version the write answered with. */
  async function postIncident(a: App): Promise<{ id: string; version: string }> {
    n += 1;
    const id = `inc-versions-${dialect}-${n}`;
    const res = await a.request(`/api/cases/${CASE_ID}/records/incidents`, {
      method: "POST",
      headers: { Cookie: f.cookie.analyst ?? "", "Content-Type": "application/json" },
      body: JSON.stringify({
        id,
        summary: `Version test incident ${n}`,
        acts: ["massacre"],
        place: { country: "RWA" },
        occurredAt: NOW.toISOString().slice(0, 10),
        citations: [{ source: sourceId, locator: "p. 1" }],
      }),
    });
    expect(res.status, await res.text()).toBe(201);
    return { id, version: res.headers.get("Tocsin-Version") ?? "" };
  }

  const timeline = `/api/cases/${CASE_ID}/timeline`;

  it.skipIf(skip)(
    "without a staleness bound every read has the write and names its version",
    async () => {
      const app = f.app("private");
      const before = await get(app, "viewer", timeline);
      expect(before.version).toMatch(/^\d+\.\d+$/);
      const w = await postIncident(app);
      expect(w.version).not.toBe(before.version);
      expect(versionAtLeast(w.version, before.version)).toBe(true);
      const after = await get(app, "viewer", timeline);
      expect(after.text).toContain(w.id);
      expect(after.version).toBe(w.version);
    },
    120_000,
  );

  it.skipIf(skip)(
    "with a bound, a reader gets the older answer labelled as such; the writer and Tocsin-Min-Version get the write",
    async () => {
      const app = f.app("private", { readCache: { maxStaleMs: 60_000 } });
      const before = await get(app, "viewer", timeline);
      const w = await postIncident(app);
      const stale = await get(app, "viewer", timeline);
      expect(stale.version).toBe(before.version);
      expect(stale.text).not.toContain(w.id);
      const asked = await get(app, "viewer", timeline, { "Tocsin-Min-Version": w.version });
      expect(versionAtLeast(asked.version, w.version)).toBe(true);
      expect(asked.text).toContain(w.id);
      // The writer's own reads have their write without asking (remembered per user, in this process).
      const own = await get(app, "analyst", timeline);
      expect(versionAtLeast(own.version, w.version)).toBe(true);
      expect(own.text).toContain(w.id);
      // The fresh answer, once computed, is what everyone is served.
      const later = await get(app, "viewer", timeline);
      expect(later.version).toBe(asked.version);
      expect(later.text).toContain(w.id);
    },
    120_000,
  );

  it.skipIf(skip)(
    "the ledger's answer names its version too, and a 304 keeps it",
    async () => {
      const app = f.app("private");
      const url = `/api/cases/${CASE_ID}/ledger?asOf=1994-04-30`;
      const res = await app.request(url, { headers: { Cookie: f.cookie.viewer ?? "" } });
      expect(res.status).toBe(200);
      const version = res.headers.get("Tocsin-Version");
      expect(version).toMatch(/^\d+\.\d+$/);
      const again = await app.request(url, {
        headers: { Cookie: f.cookie.viewer ?? "", "If-None-Match": res.headers.get("ETag") ?? "" },
      });
      expect(again.status).toBe(304);
      expect(again.headers.get("Tocsin-Version")).toBe(version);
    },
    120_000,
  );
});
