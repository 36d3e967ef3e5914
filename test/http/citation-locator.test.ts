import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASE_ID, getJson, harness, rwandaBundle, type Harness } from "./http-fixture.js";

describe("citations to a confidential source over HTTP", () => {
  let h: Harness;
  let locators: string[];
  let confidential: Set<string>;

  beforeAll(async () => {
    const bundle = await rwandaBundle();
    confidential = new Set(bundle.records.source.filter((s) => s.confidential).map((s) => s.id));
    locators = [];
    for (const kind of Object.keys(bundle.records) as (keyof typeof bundle.records)[]) {
      for (const r of bundle.records[kind]) {
        for (const c of r.citations) if (confidential.has(c.source)) locators.push(c.locator);
      }
    }
    h = await harness(bundle);
  });
  afterAll(async () => h.close());

  it("withholds their locators from the timeline and record answers, keeping the source id", async () => {
    expect(locators.length).toBeGreaterThan(0);
    const answers = [
      await getJson(h.app, `/api/cases/${CASE_ID}/timeline`),
      await getJson(h.app, `/api/records/incident?case=${CASE_ID}&limit=100`),
      await getJson(h.app, `/api/records/incident/inc-registration-order?case=${CASE_ID}`),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      const text = JSON.stringify(a.body);
      for (const l of locators) expect(text).not.toContain(l);
    }
    const record = JSON.stringify(answers[2]?.body);
    expect(record).toContain("src-confidential-1994-01");
    expect(record).toContain("Protected source");
  });
});
