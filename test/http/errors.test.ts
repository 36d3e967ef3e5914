// Problem documents (RFC 9457): 404 for unknown ids, 400 naming the invalid field, 413 over the body limit,
// 500 without internals; and a property test that no query string makes the API fail with a 500.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_ID, getJson, harness, rwandaBundle, type Harness } from "./http-fixture.js";

let h: Harness;
beforeAll(async () => {
  h = await harness(await rwandaBundle(), { maxBodyBytes: 1024 });
});
afterAll(async () => h?.close());

function expectProblem(
  r: Awaited<ReturnType<typeof getJson>>,
  status: number,
  code: string,
  instance: string,
) {
  expect(r.status).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ type: `https://tocsin.dev/problems/${code}`, status, code, instance });
  expect(typeof r.body.title).toBe("string");
}

describe("404", () => {
  it("an unknown record id", async () => {
    const r = await getJson(h.app, "/api/records/warning/no-such-warning");
    expectProblem(r, 404, "not-found", "/api/records/warning/no-such-warning");
    expect(r.body.detail).toBe('no warning with id "no-such-warning"');
  });
  it("an unknown case, for the case, its timeline and each analysis", async () => {
    for (const p of [
      "",
      "/timeline",
      "/ledger",
      "/alerts",
      "/naming",
      "/accountability",
      "/scorecard",
      "/gaps",
    ]) {
      expectProblem(
        await getJson(h.app, `/api/cases/no-such-case${p}`),
        404,
        "not-found",
        `/api/cases/no-such-case${p}`,
      );
    }
  });
  it("an unknown forecast run and an unknown path", async () => {
    expectProblem(
      await getJson(h.app, "/api/forecasts/no-such-run"),
      404,
      "not-found",
      "/api/forecasts/no-such-run",
    );
    expectProblem(await getJson(h.app, "/api/nothing-here"), 404, "not-found", "/api/nothing-here");
  });
});

describe("400 names the field", () => {
  const cases: [string, string][] = [
    ["/api/records/warning?limit=0", "query.limit"],
    ["/api/records/warning?limit=501", "query.limit"],
    ["/api/records/warning?offset=-1", "query.offset"],
    ["/api/records/warning?from=1994-02-30", "query.from"],
    ["/api/records/warning?to=yesterday", "query.to"],
    ["/api/records/warning?from=1994-02-01&to=1994-01-01", "query.from"],
    ["/api/records/warning?case=Not_An_Id", "query.case"],
    ["/api/records/warning?text=", "query.text"],
    [`/api/records/warning?text=${"x".repeat(201)}`, "query.text"],
    ["/api/records/spaceship", "path.kind"],
    ["/api/records/warning/BAD%20ID", "path.id"],
    [`/api/cases/${CASE_ID}/timeline?from=1994`, "query.from"],
    [`/api/cases/${CASE_ID}/ledger?asOf=1994-1-1`, "query.asOf"],
  ];
  for (const [path, field] of cases) {
    it(`${path.slice(0, 70)} → ${field}`, async () => {
      const r = await getJson(h.app, path);
      expectProblem(r, 400, "bad-request", new URL(path, "http://x").pathname);
      expect((r.body.invalidParams as { name: string }[]).map((p) => p.name)).toContain(field);
      expect(r.body.detail).toContain(field);
    });
  }
});

describe("413 and 500", () => {
  it("a body over the limit is refused before any route runs", async () => {
    const body = "x".repeat(2048);
    const r = await getJson(h.app, "/api/records/warning", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "content-length": String(body.length) },
    });
    expectProblem(r, 413, "payload-too-large", "/api/records/warning");
  });

  it("a storage failure is a 500 that discloses no path, SQL or stack", async () => {
    const broken = await harness(await rwandaBundle());
    await broken.store.close();
    const r = await getJson(broken.app, "/api/records/warning");
    expectProblem(r, 500, "internal", "/api/records/warning");
    expect(r.text).not.toMatch(/tmp|sqlite|select|\.db|at .*\.ts/i);
    await broken.close().catch(() => undefined);
  });
});

describe("no query string makes the API fail", () => {
  it("answers 200 or a 400 problem to any filters (fast-check)", async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
    const query = fc.dictionary(
      fc.constantFrom("case", "actor", "from", "to", "text", "limit", "offset", "asOf", "x"),
      value,
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(
        query,
        fc.constantFrom("warning", "incident", "source", "response"),
        async (q, kind) => {
          const qs = new URLSearchParams(q).toString();
          const r = await h.app.request(`/api/records/${kind}?${qs}`);
          expect([200, 400]).toContain(r.status);
          if (r.status === 400) expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
