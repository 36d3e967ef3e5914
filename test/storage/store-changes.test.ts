// The store's change mark (storage/store-changes.ts) on SQLite and, with TOCSIN_TEST_PG, PostgreSQL: reads do
// not move it; a commit through this handle moves it before the write's promise resolves; a commit through
// another handle (another process) moves it — at once on SQLite (data_version), on PostgreSQL when the NOTIFY
// sent inside the writing transaction arrives (waited for here, up to 5 s); a rolled-back write moves nothing
// another process can see.
import { afterAll, describe, expect, it } from "vitest";
import { listCases, loadCase, readCase, storeVersion, type Store } from "../../src/storage/index.js";
import { announceChange } from "../../src/storage/dialects/postgres-store-changes.js";
import { syntheticBundle } from "./fixtures.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "./store-targets.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[store-changes] TOCSIN_TEST_PG is unset: the PostgreSQL half is SKIPPED");

const targets: { name: string; make: () => StoreTarget; skip: boolean }[] = [
  { name: "sqlite", make: sqliteTarget, skip: false },
  { name: "postgres", make: () => postgresTarget(PG ?? ""), skip: !PG },
];

/** Poll `check` until it holds or `ms` pass; how long it took. */
async function within(ms: number, check: () => boolean): Promise<number> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return performance.now() - start;
}

describe.each(targets)("store change mark on $name", ({ make, skip }) => {
  const target = make();
  const open: Store[] = [];
  afterAll(async () => {
    for (const s of open) await s.close();
    await target.cleanup();
  });

  /** Two handles on one store (two processes), each with its mark known (PostgreSQL: listening). */
  async function twoHandles(): Promise<[Store, Store]> {
    const location = await target.fresh();
    const a = await target.open(location);
    open.push(a);
    const b = await target.open(location);
    open.push(b);
    await within(5000, () => a.changes?.mark() !== undefined && b.changes?.mark() !== undefined);
    return [a, b];
  }

  it.skipIf(skip)(
    "reads leave the mark; this handle's commit moves it before the write resolves",
    async () => {
      const [a] = await twoHandles();
      const before = a.changes?.mark();
      expect(before).toBeDefined();
      await listCases(a);
      await storeVersion(a);
      expect(a.changes?.mark()).toBe(before);
      const v0 = await storeVersion(a);
      await loadCase(a, syntheticBundle(), { actor: "test" });
      expect(a.changes?.mark()).not.toBe(before);
      const v1 = await storeVersion(a);
      expect(v1).not.toBe(v0);
      // SQLite reads the version at once outside a transaction; PostgreSQL on its listening connection.
      if (a.dialect === "sqlite") expect(a.changes?.versionNow?.()).toBe(v1);
      else {
        expect(a.changes?.versionNow?.()).toBeUndefined();
        expect(await a.changes?.readVersion?.()).toBe(v1);
      }
    },
  );

  it.skipIf(skip)(
    "another handle's commit moves the mark (SQLite at once, PostgreSQL by NOTIFY)",
    async () => {
      const [a, b] = await twoHandles();
      await loadCase(a, syntheticBundle(), { actor: "test" });
      const seen = a.changes?.mark();
      const bundle = syntheticBundle();
      await loadCase(
        b,
        { ...bundle, manifest: { ...bundle.manifest, title: "Changed elsewhere" } },
        { actor: "test" },
      );
      if (a.dialect === "sqlite") expect(a.changes?.mark()).not.toBe(seen);
      const waited = await within(5000, () => a.changes?.mark() !== seen);
      expect(waited).toBeLessThan(5000);
      expect((await readCase(a, bundle.manifest.id))?.manifest.title).toBe("Changed elsewhere");
    },
  );

  it.skipIf(skip)("a write that rolls back is not announced to other handles", async () => {
    const [a, b] = await twoHandles();
    await loadCase(a, syntheticBundle(), { actor: "test" });
    await new Promise((r) => setTimeout(r, 50)); // let this load's own notice arrive first (PostgreSQL)
    const seen = b.changes?.mark();
    const v = await storeVersion(b);
    await expect(
      a.db.transaction().execute(async (trx) => {
        await trx.updateTable("cases").set({ title: "never committed" }).execute();
        await announceChange(trx); // PostgreSQL: a notice queued, dropped with the transaction
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await new Promise((r) => setTimeout(r, 100));
    expect(await storeVersion(b)).toBe(v);
    expect(b.changes?.mark()).toBe(seen);
  });
});
