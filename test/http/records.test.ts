// Record lists and single records through app.request() on a real SQLite store holding the Rwanda case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseBundle } from "../../src/domain/index.js";
import { CASE_ID, getJson, harness, rwandaBundle, type Harness } from "./http-fixture.js";

let h: Harness;
let bundle: CaseBundle;

beforeAll(async () => {
  bundle = await rwandaBundle();
  h = await harness(bundle);
});
afterAll(async () => h?.close());

type Page = { kind: string; total: number; limit: number; offset: number; items: { id: string }[] };

describe("GET /api/records/{kind}", () => {
  it("lists every warning of the case with the total", async () => {
    const r = await getJson(h.app, `/api/records/warning?case=${CASE_ID}`);
    expect(r.status).toBe(200);
    const page = r.body as unknown as Page;
    expect(page.total).toBe(bundle.records.warning.length);
    expect(page.items.map((i) => i.id).sort()).toEqual(bundle.records.warning.map((w) => w.id).sort());
    expect(page).toMatchObject({ kind: "warning", limit: 50, offset: 0 });
  });

  it("paginates: pages of 2 cover every response exactly once", async () => {
    const seen: string[] = [];
    const total = bundle.records.response.length;
    for (let offset = 0; offset < total; offset += 2) {
      const page = (await getJson(h.app, `/api/records/response?limit=2&offset=${offset}`))
        .body as unknown as Page;
      expect(page.total).toBe(total);
      expect(page.items.length).toBe(Math.min(2, total - offset));
      seen.push(...page.items.map((i) => i.id));
    }
    expect(new Set(seen).size).toBe(total);
    const past = (await getJson(h.app, `/api/records/response?limit=2&offset=${total}`))
      .body as unknown as Page;
    expect(past.items).toEqual([]);
  });

  it("filters by date window: January 1994 holds only the force commander's cable", async () => {
    const r = await getJson(h.app, "/api/records/warning?from=1994-01-01&to=1994-01-31");
    expect((r.body as unknown as Page).items.map((i) => i.id)).toEqual(["warn-1994-01-11-cable"]);
  });

  it("filters by actor and by text", async () => {
    const byActor = (await getJson(h.app, "/api/records/response?actor=un-dpko")).body as unknown as Page;
    expect(byActor.items.map((i) => i.id)).toContain("resp-1994-01-12-dpko-refusal");
    const byText = (await getJson(h.app, "/api/records/warning?text=Le%20Soir")).body as unknown as Page;
    expect(byText.items.map((i) => i.id)).toEqual(["warn-1994-04-11-le-soir"]);
    const none = (await getJson(h.app, "/api/records/warning?text=zzzz-no-such-words"))
      .body as unknown as Page;
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it("answers an empty page for a case that is not in the store", async () => {
    const r = await getJson(h.app, "/api/records/incident?case=no-such-case");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 0, items: [] });
  });
});

describe("GET /api/records/{kind}/{id}", () => {
  it("gives the January 1994 cable with the sources it cites, graded", async () => {
    const r = await getJson(h.app, `/api/records/warning/warn-1994-01-11-cable?case=${CASE_ID}`);
    expect(r.status).toBe(200);
    const d = r.body as {
      record: { id: string; citations: { source: string }[] };
      sources: { id: string; reliability: string }[];
    };
    expect(d.record.id).toBe("warn-1994-01-11-cable");
    const cited = [...new Set(d.record.citations.map((c) => c.source))].sort();
    expect(d.sources.map((s) => s.id).sort()).toEqual(cited);
    for (const s of d.sources) expect(s.reliability).toMatch(/^[A-F]$/);
  });

  it("shows a confidential source only as its grading", async () => {
    const r = await getJson(h.app, "/api/records/source/src-confidential-1994-01");
    expect(r.status).toBe(200);
    expect(r.body.record).toEqual({
      id: "src-confidential-1994-01",
      kind: "informant",
      title: "Protected source",
      occurredAt: { from: "1994-01-01", to: "1994-01-11", precision: "range" },
      knownAt: "1994-01-11",
      citations: [],
      reliability: "C",
      credibility: 2,
      confidential: true,
      redacted: true,
    });
  });
});

describe("cases and timeline", () => {
  it("lists the case and counts its records", async () => {
    const list = await getJson(h.app, "/api/cases");
    expect((list.body.items as { id: string }[]).map((c) => c.id)).toEqual([CASE_ID]);
    const one = await getJson(h.app, `/api/cases/${CASE_ID}`);
    expect((one.body.counts as Record<string, number>).warning).toBe(bundle.records.warning.length);
    expect((one.body.counts as Record<string, number>).tribunalCase).toBe(bundle.records.tribunalCase.length);
  });

  it("puts the cable in the warnings lane and the next-day refusal in the responses lane", async () => {
    const r = await getJson(h.app, `/api/cases/${CASE_ID}/timeline?from=1994-01-11&to=1994-01-12`);
    expect(r.status).toBe(200);
    const items = r.body.items as { id: string; lane: string; from: string }[];
    expect(items.find((i) => i.id === "warn-1994-01-11-cable")).toMatchObject({
      lane: "warnings",
      from: "1994-01-11",
    });
    expect(items.find((i) => i.id === "resp-1994-01-12-dpko-refusal")).toMatchObject({
      lane: "responses",
      from: "1994-01-12",
    });
    expect(
      items.some((i) => ["actor", "group", "source"].includes((i as unknown as { kind: string }).kind)),
    ).toBe(false);
    const days = items.map((i) => i.from);
    expect(days).toEqual([...days].sort());
  });
});

describe("analyses", () => {
  it("the ledger records the January 1994 request as refused one day later", async () => {
    const r = await getJson(h.app, `/api/cases/${CASE_ID}/ledger`);
    expect(r.status).toBe(200);
    const w = (
      r.body.warnings as { warning: string; daysToFirstResponse?: number; requests: { status: string }[] }[]
    ).find((x) => x.warning === "warn-1994-01-11-cable");
    expect(w?.daysToFirstResponse).toBe(1);
    expect(w?.requests.map((q) => q.status)).toContain("refused");
  });

  it("as of 1994-01-11 the request is still open (no look-ahead)", async () => {
    const r = await getJson(h.app, `/api/cases/${CASE_ID}/ledger?asOf=1994-01-11`);
    const w = (r.body.warnings as { warning: string; requests: { status: string }[] }[]).find(
      (x) => x.warning === "warn-1994-01-11-cable",
    );
    expect(w?.requests.every((q) => q.status === "open")).toBe(true);
  });

  it("serves accountability, gaps, naming and the scorecard for the case", async () => {
    for (const name of ["accountability", "gaps", "naming", "scorecard"]) {
      const r = await getJson(h.app, `/api/cases/${CASE_ID}/${name}`);
      expect(r.status, name).toBe(200);
      expect(r.body).toMatchObject({ caseId: CASE_ID });
    }
  });
});
