// The feed order read page by page (`caseFeed`, what a replay of a stored case reads), on both stores: known day,
// kind, then id by code point — many records sharing one known day (a dataset's yearly release) included — and
// read through the feed-order index (migration 0450), not by sorting a day's ids for every page.
import { sql } from "kysely";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { RECORD_KINDS, type CaseBundle, type Incident } from "../../src/domain/index.js";
import { caseFeed, caseFeedBatches, loadCase, type Store } from "../../src/storage/index.js";
import { syntheticBundle } from "./fixtures.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "./store-targets.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn("[case-feed.contract] TOCSIN_TEST_PG is unset: the PostgreSQL half of this suite is SKIPPED");

const targets: { name: string; make: () => StoreTarget; skip: boolean }[] = [
  { name: "sqlite", make: sqliteTarget, skip: false },
  { name: "postgres", make: () => postgresTarget(PG ?? ""), skip: !PG },
];

/** Ids whose code-point order differs from a locale's (case, punctuation, digits). */
const IDS = ["inc-B", "inc-a", "inc_z", "inc-10", "inc-9", "Inc.x", "inc-a-2", "inc~", "inc-Z", "inc.0"];
const DAY = "1993-06-30";

/** The synthetic case plus incidents that all became known on one day. */
function withOneDay(): CaseBundle {
  const base = syntheticBundle();
  const model = base.records.incident[0] as Incident;
  const extra = IDS.map((id) => ({ ...model, id, knownAt: DAY }));
  return { ...base, records: { ...base.records, incident: [...base.records.incident, ...extra] } };
}

function feedOrder(bundle: CaseBundle): string[] {
  const all = RECORD_KINDS.flatMap((kind) =>
    (bundle.records[kind] as readonly { id: string; knownAt: string }[]).map((r) => ({
      kind,
      id: r.id,
      knownAt: r.knownAt,
    })),
  );
  const kindRank = (k: string) => RECORD_KINDS.indexOf(k as (typeof RECORD_KINDS)[number]);
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return all
    .sort(
      (a, b) =>
        byCodePoint(a.knownAt, b.knownAt) || kindRank(a.kind) - kindRank(b.kind) || byCodePoint(a.id, b.id),
    )
    .map((r) => `${r.kind}:${r.id}`);
}

for (const t of targets) {
  describe.skipIf(t.skip)(`case feed: ${t.name}`, () => {
    const target = t.make();
    const open: Store[] = [];
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });
    afterAll(async () => {
      await target.cleanup();
    });

    it("streams every record once in the feed order, pages splitting a day's ids", async () => {
      const store = await target.open(await target.fresh());
      open.push(store);
      const bundle = withOneDay();
      await loadCase(store, bundle);
      for (const pageSize of [1, 3, 2000]) {
        const read: string[] = [];
        for await (const f of caseFeed(store, bundle.manifest.id, { pageSize }))
          read.push(`${f.kind}:${f.record.id}`);
        expect(read).toEqual(feedOrder(bundle));
        // The same records in batches (what a replay reads), none empty.
        const batched: string[] = [];
        for await (const batch of caseFeedBatches(store, bundle.manifest.id, { pageSize })) {
          expect(batch.length).toBeGreaterThan(0);
          for (const f of batch) batched.push(`${f.kind}:${f.record.id}`);
        }
        expect(batched).toEqual(read);
      }
    });

    it("reads each kind through the feed-order index, with no sort per page", async () => {
      const store = await target.open(await target.fresh());
      open.push(store);
      if (t.name === "sqlite") {
        const plan = await sql<{ detail: string }>`explain query plan
          select id from incidents where case_id = 'c' and known_at >= '1993-06-30'
            and (known_at > '1993-06-30' or id > 'inc-a') order by known_at, id limit 2000`.execute(store.db);
        const details = plan.rows.map((r) => r.detail).join("\n");
        expect(details).toContain("incidents_feed_idx");
        expect(details).not.toContain("TEMP B-TREE");
      } else {
        const idx = await sql<{ indexdef: string }>`select indexdef from pg_indexes
          where schemaname = current_schema() and indexname = 'incidents_feed_idx'`.execute(store.db);
        expect(idx.rows[0]?.indexdef).toMatch(/\(case_id, known_at, id COLLATE "C"\)/);
        const old = await sql`select 1 from pg_indexes
          where schemaname = current_schema() and indexname = 'incidents_known_idx'`.execute(store.db);
        expect(old.rows).toHaveLength(0);
      }
    });
  });
}
