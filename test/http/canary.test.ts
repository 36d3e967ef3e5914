// Source protection: unique strings planted in every protected-identity field of the confidential source
// appear in no answer of any endpoint — every route of the OpenAPI document with every id the store holds,
// analyses as of several days, and the error answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_KINDS, type CaseBundle } from "../../src/domain/index.js";
import { getRecord } from "../../src/storage/index.js";
import { CASE_ID, harness, rwandaBundle, withCanary, type Harness } from "./http-fixture.js";

const CANARY = `canary-${Math.random().toString(36).slice(2)}-7f3a`;
let h: Harness;
let bundle: CaseBundle;

beforeAll(async () => {
  bundle = withCanary(await rwandaBundle(), CANARY);
  expect(
    bundle.records.source.some((s) => s.confidential && s.protectedIdentity?.name?.includes(CANARY)),
  ).toBe(true);
  h = await harness(bundle);
});
afterAll(async () => h?.close());

/** Every concrete URL to crawl: each documented path with every value its parameters can take here. */
async function urls(): Promise<string[]> {
  const doc = (await (await h.app.request("/api/openapi.json")).json()) as { paths: Record<string, unknown> };
  const out = new Set<string>([
    "/api/openapi.json",
    "/api/records/source/src-confidential-1994-01?case=" + CASE_ID,
  ]);
  for (const path of Object.keys(doc.paths)) {
    if (path === "/api/records/{kind}/{id}") {
      for (const kind of RECORD_KINDS)
        for (const r of bundle.records[kind]) out.add(`/api/records/${kind}/${r.id}`);
    } else if (path === "/api/records/{kind}") {
      for (const kind of RECORD_KINDS) {
        out.add(`/api/records/${kind}?limit=500`);
        out.add(`/api/records/${kind}?case=${CASE_ID}&text=informant`);
      }
    } else if (path.includes("{caseId}")) {
      const p = path.replace("{caseId}", CASE_ID);
      for (const asOf of ["", "?asOf=1994-01-11", "?asOf=1994-04-30"])
        out.add(`${p}${p.endsWith("timeline") ? "" : asOf}`);
    } else if (path.includes("{runId}")) {
      out.add(path.replace("{runId}", "no-such-run"));
    } else {
      out.add(path);
    }
  }
  return [...out];
}

describe("canary sweep", () => {
  it("finds the planted strings in no answer", async () => {
    const list = await urls();
    expect(list.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    const statuses = new Map<number, number>();
    for (const url of list) {
      const res = await h.app.request(url);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      if (text.includes(CANARY)) leaks.push(url);
    }
    expect(leaks).toEqual([]);
    // The sweep must have read real answers, not only errors.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
  });

  it("the store does hold the planted strings (so the sweep can find a leak)", async () => {
    const s = await getRecord(h.store, "source", "src-confidential-1994-01", CASE_ID, {
      includeProtected: true,
    });
    expect(JSON.stringify(s)).toContain(`${CANARY}-name`);
  });

  it("the confidential source's own page shows no identifying field", async () => {
    const res = await h.app.request("/api/records/source/src-confidential-1994-01");
    const body = (await res.json()) as { record: Record<string, unknown> };
    expect(Object.keys(body.record)).not.toContain("protectedIdentity");
    expect(body.record.title).toBe("Protected source");
  });
});
