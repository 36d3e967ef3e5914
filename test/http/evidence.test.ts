// GET /api/cases/{caseId}/evidence: the records a criterion counts for a situation over a window, paginated,
// on the built-in case; each cited record of an alert's condition is among them; bad queries are 400, an
// unknown case 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayStoredCase } from "../../src/cli/stored-replay.js";
import { CASE_ID, getJson, harness, rwandaBundle, type Harness } from "./http-fixture.js";

let h: Harness;
beforeAll(async () => {
  h = await harness(await rwandaBundle());
});
afterAll(async () => h?.close());

describe("GET /api/cases/{caseId}/evidence", () => {
  it("returns every record an alert's condition cites, a page at a time", async () => {
    const rulebook = h.deps.analysis!.rulebook!;
    const replayed = await replayStoredCase(h.store, CASE_ID, rulebook, { step: "week" });
    const alert = replayed!.result.alerts.find((a) =>
      (a.criteria ?? []).some((c) => c.conditions.some((d) => d.records.some((r) => r.kind !== "series"))),
    );
    expect(alert).toBeDefined();
    const criterion = alert!.criteria!.find((c) => c.conditions.some((d) => d.records.length > 0))!;
    const condition = criterion.conditions.find((d) => d.records.length > 0)!;
    const params = new URLSearchParams({
      situation: alert!.situation.id,
      criterion: criterion.id,
      condition: condition.id,
      ...(condition.window ? { from: condition.window.from } : {}),
      to: condition.window?.to ?? alert!.date,
      limit: "1",
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    let total = -1;
    for (let i = 0; i < 200; i += 1) {
      const q = new URLSearchParams(params);
      if (cursor) q.set("cursor", cursor);
      const r = await getJson(h.app, `/api/cases/${CASE_ID}/evidence?${q.toString()}`);
      expect(r.status, r.text).toBe(200);
      const page = r.body as unknown as {
        total: number;
        records: { record: string }[];
        nextCursor: string | null;
      };
      expect(page.records.length).toBeLessThanOrEqual(1);
      total = page.total;
      seen.push(...page.records.map((x) => x.record));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen.length).toBe(total);
    for (const r of condition.records) if (r.kind !== "series") expect(seen).toContain(r.record);
  });

  it("answers 400 for an unknown criterion or a bad cursor, and 404 for an unknown case", async () => {
    const base = "situation=RWA%2Ftutsi&to=1994-04-30";
    const unknown = await getJson(h.app, `/api/cases/${CASE_ID}/evidence?${base}&criterion=nope`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("nope");
    const rulebook = h.deps.analysis!.rulebook!;
    const some = rulebook.plan.criteria!.levelsTopDown[0]!.criteria[0]!.id;
    const cursor = await getJson(h.app, `/api/cases/${CASE_ID}/evidence?${base}&criterion=${some}&cursor=zz`);
    expect(cursor.status).toBe(400);
    const missing = await getJson(h.app, `/api/cases/no-such-case/evidence?${base}&criterion=${some}`);
    expect(missing.status).toBe(404);
    const noTo = await getJson(
      h.app,
      `/api/cases/${CASE_ID}/evidence?situation=RWA%2Ftutsi&criterion=${some}`,
    );
    expect(noTo.status).toBe(400);
  });
});
