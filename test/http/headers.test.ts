// Security headers on every answer: API JSON, problem documents, the OpenAPI document and the dashboard.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_ID, harness, rwandaBundle, type Harness } from "./http-fixture.js";

let h: Harness;
let webRoot: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), "tocsin-web-"));
  await mkdir(join(webRoot, "assets"));
  await writeFile(
    join(webRoot, "index.html"),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  await writeFile(join(webRoot, "assets", "app.js"), "console.log(1)");
  h = await harness(await rwandaBundle(), { webRoot });
});
afterAll(async () => {
  await h?.close();
  await rm(webRoot, { recursive: true, force: true });
});

const PATHS = [
  "/",
  "/assets/app.js",
  "/api/health",
  "/api/openapi.json",
  `/api/cases/${CASE_ID}/timeline`,
  "/api/records/warning/no-such",
  "/api/records/warning?limit=0",
  "/no-such-page",
];

describe("security headers", () => {
  for (const path of PATHS) {
    it(`on ${path}`, async () => {
      const res = await h.app.request(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      if (path.startsWith("/api/")) expect(res.headers.get("cache-control")).toBe("no-store");
    });
  }

  it("serves the dashboard's index and assets", async () => {
    const index = await h.app.request("/");
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("/assets/app.js");
    expect((await h.app.request("/assets/app.js")).status).toBe(200);
    expect((await h.app.request("/assets/../../etc/passwd")).status).toBe(404);
  });
});
