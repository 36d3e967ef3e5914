// Concurrent writes to one case (issue 15 item 2) on a real store — SQLite and, with TOCSIN_TEST_PG, PostgreSQL:
// each write is checked against the case as it stands once the write holds the case's lock, inside its own
// transaction. So a source deleted while an incident comes to cite it ends with exactly one of the two writes
// committed and the other refused with its reason (409 or 400, never a 500), and no citation is left dangling;
// twenty incidents posted at once are all written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCase } from "../../src/storage/index.js";
import { CASE_ID, rwandaBundle } from "./http-fixture.js";
import {
  noticePgSkipped,
  NOW,
  TRUST_DIALECTS,
  trustFixture,
  type TrustFixture,
} from "../security/trust-fixture.js";

noticePgSkipped("write-races");

const TODAY = NOW.toISOString().slice(0, 10);

describe.each(TRUST_DIALECTS)("concurrent writes on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let app: ReturnType<TrustFixture["app"]>;
  const failures: string[] = [];

  beforeAll(async () => {
    if (skip) return;
    f = await trustFixture(await rwandaBundle(), dialect);
    app = f.app("private", { log: (m) => failures.push(m) });
  }, 120_000);
  afterAll(async () => f?.close());

  const send = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(url, {
      method,
      headers: { Cookie: f.cookie.analyst ?? "", "Content-Type": "application/json", ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  const incident = (id: string, source: string) => ({
    id,
    summary: `Concurrent write ${id}`,
    acts: ["massacre"],
    place: { country: "RWA" },
    occurredAt: TODAY,
    citations: [{ source, locator: "p. 1" }],
  });

  describe.skipIf(skip)("one case, two analysts", () => {
    it("a source deleted while an incident comes to cite it: one write wins, the other is refused", async () => {
      const outcomes = new Map<string, number>();
      for (let i = 0; i < 16; i++) {
        const src = `src-race-${dialect}-${i}`;
        const created = await send("POST", `/api/cases/${CASE_ID}/records/sources`, {
          id: src,
          kind: "article",
          title: "A source two analysts disagree about",
          publishedAt: TODAY,
          occurredAt: TODAY,
          knownAt: TODAY,
          reliability: "B",
          credibility: 2,
          citations: [{ source: src, locator: "title" }],
        });
        expect(created.status, await created.clone().text()).toBe(201);
        // Start the delete a little later each round, so its check lands before, during and after the post's.
        const [del, post] = await Promise.all([
          new Promise((r) => setTimeout(r, i % 8)).then(() =>
            send("DELETE", `/api/cases/${CASE_ID}/records/sources/${src}`, undefined, {
              "If-Match": created.headers.get("ETag") ?? "",
            }),
          ),
          send("POST", `/api/cases/${CASE_ID}/records/incidents`, incident(`inc-race-${dialect}-${i}`, src)),
        ]);
        const pair = `${del.status}/${post.status}`;
        outcomes.set(pair, (outcomes.get(pair) ?? 0) + 1);
        // Either the incident was written first (the delete is refused: still cited), or the delete was (the
        // incident is refused: its source is unknown). Never both, never a server error.
        expect(["409/201", "204/400"], pair).toContain(pair);
        const refused = del.status === 409 ? del : post;
        const problem = (await refused.json()) as { problems?: { message: string }[] };
        expect(JSON.stringify(problem.problems)).toMatch(/unknown source/);
      }
      expect(failures).toEqual([]);
      const base = await readCase(f.store, CASE_ID);
      const sources = new Set(base?.records.source.map((s) => s.id));
      const dangling = (base?.records.incident ?? [])
        .flatMap((r) => r.citations)
        .filter((c) => !sources.has(c.source));
      expect(dangling).toEqual([]);
    }, 120_000);

    it("twenty incidents posted at once are all written", async () => {
      const source = (await rwandaBundle()).records.source.find((s) => !s.confidential)?.id ?? "";
      const ids = Array.from({ length: 20 }, (_, i) => `inc-burst-${dialect}-${i}`);
      const answers = await Promise.all(
        ids.map((id) => send("POST", `/api/cases/${CASE_ID}/records/incidents`, incident(id, source))),
      );
      expect(answers.map((a) => a.status)).toEqual(ids.map(() => 201));
      const stored = new Set((await readCase(f.store, CASE_ID))?.records.incident.map((r) => r.id));
      for (const id of ids) expect(stored.has(id), id).toBe(true);
      expect(failures).toEqual([]);
    }, 120_000);
  });
});
