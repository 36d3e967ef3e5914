// Compressed answers (http/cache/encoded-answer.ts) on a real store — SQLite and, with TOCSIN_TEST_PG,
// PostgreSQL: a client that accepts brotli or gzip gets the cached JSON compressed, decoding to the very bytes
// an identity answer carries, under its own ETag, with Vary: Accept-Encoding; If-None-Match names the answer
// in any coding; bodies made for viewers entitled to confidential sources are never compressed.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_ID, confidentialCitations, rwandaBundle } from "./http-fixture.js";
import {
  noticePgSkipped,
  NOW,
  TRUST_DIALECTS,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "../security/trust-fixture.js";

noticePgSkipped("answer-codings");

const BROWSER = "gzip, deflate, br, zstd";

describe.each(TRUST_DIALECTS)("answer codings on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let app: ReturnType<TrustFixture["app"]>;
  let confidentialLocators: string[];
  let sourceId: string;

  beforeAll(async () => {
    if (skip) return;
    const bundle = await rwandaBundle();
    ({ locators: confidentialLocators, openSource: sourceId } = confidentialCitations(bundle));
    f = await trustFixture(bundle, dialect);
    app = f.app("private");
  }, 120_000);
  afterAll(async () => f?.close());

  async function get(role: RoleUnderTest, url: string, headers: Record<string, string> = {}) {
    const res = await app.request(url, { headers: { Cookie: f.cookie[role] ?? "", ...headers } });
    return {
      status: res.status,
      bytes: Buffer.from(await res.arrayBuffer()),
      etag: res.headers.get("ETag") ?? "",
      coding: res.headers.get("Content-Encoding"),
      vary: res.headers.get("Vary"),
      csp: res.headers.get("Content-Security-Policy"),
      cacheControl: res.headers.get("Cache-Control"),
      version: res.headers.get("Tocsin-Version"),
    };
  }

  const urls = ["timeline", "alerts", "ledger", "scorecard"].map((a) => `/api/cases/${CASE_ID}/${a}`);

  describe.skipIf(skip)("compressed answers", () => {
    it("brotli for a browser, gzip where only gzip is accepted, each decoding to the identity bytes", async () => {
      for (const url of urls) {
        const plain = await get("viewer", url);
        const br = await get("viewer", url, { "Accept-Encoding": BROWSER });
        const gz = await get("viewer", url, { "Accept-Encoding": "gzip" });
        expect([plain.status, br.status, gz.status]).toEqual([200, 200, 200]);
        expect([plain.coding, br.coding, gz.coding]).toEqual([null, "br", "gzip"]);
        for (const a of [plain, br, gz]) expect(a.vary).toBe("Accept-Encoding");
        expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
        expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
        expect(br.bytes.byteLength).toBeLessThan(plain.bytes.byteLength / 3);
        // One answer, three representations: distinct strong tags, one store version.
        expect(new Set([plain.etag, br.etag, gz.etag]).size).toBe(3);
        expect(br.etag).toBe(`${plain.etag.slice(0, -1)}-br"`);
        expect(new Set([plain.version, br.version, gz.version]).size).toBe(1);
      }
    }, 120_000);

    it("If-None-Match names the answer in any coding, until a write changes it", async () => {
      const url = urls[0] ?? "";
      const br = await get("viewer", url, { "Accept-Encoding": BROWSER });
      const same = await get("viewer", url, { "If-None-Match": br.etag });
      expect(same.status).toBe(304);
      expect(same.bytes.byteLength).toBe(0);
      expect(same.vary).toBe("Accept-Encoding");
      // Built with the security headers in them, as every answer is (test/http/headers.test.ts).
      for (const a of [br, same]) {
        expect(a.csp).toContain("default-src 'none'");
        expect(a.cacheControl).toBe("no-store");
      }
      const res = await app.request(`/api/cases/${CASE_ID}/records/incidents`, {
        method: "POST",
        headers: { Cookie: f.cookie.analyst ?? "", "Content-Type": "application/json" },
        body: JSON.stringify({
          id: `inc-codings-${dialect}`,
          summary: "Answer codings test incident",
          acts: ["massacre"],
          place: { country: "RWA" },
          occurredAt: NOW.toISOString().slice(0, 10),
          citations: [{ source: sourceId, locator: "p. 2" }],
        }),
      });
      expect(res.status, await res.text()).toBe(201);
      const after = await get("viewer", url, { "Accept-Encoding": BROWSER, "If-None-Match": br.etag });
      expect(after.status).toBe(200);
      expect(brotliDecompressSync(after.bytes).toString("utf8")).toContain(`inc-codings-${dialect}`);
    }, 120_000);

    it("a source-handler's answers, which hold confidential sources, are never compressed", async () => {
      expect(confidentialLocators.length).toBeGreaterThan(0);
      let holding = 0;
      for (const url of urls) {
        const handler = await get("source-handler", url, { "Accept-Encoding": BROWSER });
        expect(handler.status).toBe(200);
        expect(handler.coding).toBeNull();
        if (confidentialLocators.some((l) => handler.bytes.toString("utf8").includes(l))) holding += 1;
        // The viewer's compressed body of the same route holds none of them.
        const viewer = await get("viewer", url, { "Accept-Encoding": BROWSER });
        const text = brotliDecompressSync(viewer.bytes).toString("utf8");
        for (const l of confidentialLocators) expect(text).not.toContain(l);
      }
      // At least one answer cites a confidential source, so the check is not empty.
      expect(holding).toBeGreaterThan(0);
    }, 120_000);
  });
});
