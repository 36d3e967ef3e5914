// A record write's check against a case the caller already holds (writes/write-record.ts `baseAt`), on SQLite
// and, with TOCSIN_TEST_PG, PostgreSQL: the writer asks for the case at the store's version as its transaction
// sees it once the case is locked; a bundle held at that version is what `prepare` checks, any other moment's
// is refused and the case is read in the transaction instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseBundle } from "../../src/domain/index.js";
import { loadCase, readCase, storeVersion, type Store } from "../../src/storage/index.js";
import { writeRecord } from "../../src/storage/writes/index.js";
import { syntheticBundle } from "./fixtures.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "./store-targets.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[write-record-base] TOCSIN_TEST_PG is unset: the PostgreSQL half is SKIPPED");

const targets: { name: string; make: () => StoreTarget; skip: boolean }[] = [
  { name: "sqlite", make: sqliteTarget, skip: false },
  { name: "postgres", make: () => postgresTarget(PG ?? ""), skip: !PG },
];

describe.each(targets)("writeRecord with a held case on $name", ({ make, skip }) => {
  const target = make();
  let store: Store;
  const bundle = syntheticBundle();
  const caseId = bundle.manifest.id;
  const incident = bundle.records.incident[0]!;
  let n = 0;

  beforeAll(async () => {
    if (skip) return;
    store = await target.open(await target.fresh());
    await loadCase(store, bundle);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await target.cleanup();
  });

  /** Write a copy of the case's first incident, recording the version asked for and the base checked. */
  async function write(held: (v: string) => CaseBundle | undefined) {
    n += 1;
    const asked: string[] = [];
    let checked: CaseBundle | undefined;
    const id = `inc-held-${n}`;
    await writeRecord(store, {
      caseId,
      kind: "incident",
      id,
      op: "create",
      actor: "test",
      at: "2031-03-10T00:00:00.000Z",
      baseAt: (v) => {
        asked.push(v);
        return Promise.resolve(held(v));
      },
      prepare: (base) => {
        checked = base;
        return { record: { ...incident, id } };
      },
    });
    return { asked, checked };
  }

  it.skipIf(skip)(
    "checks against the held case when it is the store at the transaction's version",
    async () => {
      const before = await storeVersion(store);
      const held = (await readCase(store, caseId))!;
      const { asked, checked } = await write((v) => (v === before ? held : undefined));
      expect(asked).toEqual([before]);
      expect(checked).toBe(held);
      expect(await storeVersion(store)).not.toBe(before);
    },
  );

  it.skipIf(skip)("reads the case in the transaction when the held one is of another moment", async () => {
    const stale = await storeVersion(store);
    await write(() => undefined); // a commit after the held case was read
    const { asked, checked } = await write((v) => (v === stale ? syntheticBundle() : undefined));
    expect(asked).toHaveLength(1);
    expect(asked[0]).not.toBe(stale);
    // What the transaction read: the stored case with every incident written so far.
    expect(checked).toEqual(await readCaseBefore(checked));
    expect(checked?.records.incident.map((i) => i.id)).toContain(`inc-held-${n - 1}`);
    expect(checked?.records.incident.map((i) => i.id)).not.toContain(`inc-held-${n}`);
  });

  /** The case as stored now, less the record the last write added (the transaction read it before writing). */
  async function readCaseBefore(seen: CaseBundle | undefined): Promise<CaseBundle | undefined> {
    const now = (await readCase(store, caseId))!;
    const ids = new Set(seen?.records.incident.map((i) => i.id));
    return {
      ...now,
      records: { ...now.records, incident: now.records.incident.filter((i) => ids.has(i.id)) },
    };
  }
});
