// Imports append to the tamper-evident log: after importing each format fixture (and each real sample, when
// ../shared is present), `log verify` is clean on SQLite (prepared-statement writer) and PostgreSQL (Kysely
// writer); a re-import adds no leaf; a row edited behind the log's back is reported.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { importFile } from "../../src/importers/index.js";
import type { Store } from "../../src/storage/index.js";

import { verifyLog } from "../../src/storage/log/log-verify.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { hasSharedData } from "../support/shared-data.js";
import { clock, REAL_SAMPLES, SAMPLES } from "./helpers.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[importers/log] TOCSIN_TEST_PG is unset: the PostgreSQL half of the import log suite is SKIPPED",
  );
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

const FIXTURE_FILES = [
  { file: SAMPLES.acledOneCountry, format: "acled" },
  { file: SAMPLES.acledMixed, format: "acled" },
  { file: SAMPLES.ucdp, format: "ucdp-ged" },
  { file: SAMPLES.gdelt, format: "gdelt" },
  { file: SAMPLES.hxl, format: "hxl" },
] as const;
/** The real provider samples too, when ../shared is beside the repository (as in CI). */
const REAL_FILES = [
  { file: REAL_SAMPLES.acledArgentina, format: "acled" },
  { file: REAL_SAMPLES.acledMixed, format: "acled" },
  { file: REAL_SAMPLES.ucdp, format: "ucdp-ged" },
  { file: REAL_SAMPLES.gdelt, format: "gdelt" },
  { file: REAL_SAMPLES.hxl, format: "hxl" },
] as const;
const SAMPLE_FILES = [
  ...FIXTURE_FILES,
  ...(hasSharedData(
    "importers/log",
    REAL_FILES.map((f) => f.file),
  )
    ? REAL_FILES
    : []),
];

async function leafCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("log_leaves")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

describe.each(targets)("import log on $name", (target) => {
  it.each(SAMPLE_FILES)(
    "$format $file: verify is clean, a re-import adds nothing, tampering is caught",
    async (s) => {
      const store = await target.open(await target.fresh());
      try {
        // Small batches: several transactions, each with its own leaves.
        const first = await importFile(store, { format: s.format, file: s.file, clock, batchSize: 100 });
        expect(first.imported).toBeGreaterThan(0);
        const leaves = await leafCount(store);
        // Every record row written (imported records, actors, the file's source) and the case has a leaf; the
        // source, whose counters change with each batch, has one per batch that changed it.
        const records = await sql<{ n: number }>`select
          (select count(*) from incidents) + (select count(*) from actors) + (select count(*) from sources)
          + (select count(*) from cases) as n`.execute(store.db);
        const logged = await sql<{ n: number }>`select count(*) as n from
          (select distinct table_name, record_key from log_leaves) k`.execute(store.db);
        expect(Number(logged.rows[0]?.n)).toBe(Number(records.rows[0]?.n));
        expect(leaves).toBeGreaterThanOrEqual(Number(records.rows[0]?.n));
        const clean = await verifyLog(store.db);
        expect(clean.problems).toEqual([]);
        expect(clean.ok).toBe(true);

        const again = await importFile(store, { format: s.format, file: s.file, clock, batchSize: 100 });
        expect(again.imported).toBe(0);
        expect(await leafCount(store)).toBe(leaves);
        expect((await verifyLog(store.db)).ok).toBe(true);

        await sql`update incidents set fatalities_best = coalesce(fatalities_best, 0) + 1
          where id = (select min(id) from incidents)`.execute(store.db);
        const tampered = await verifyLog(store.db);
        expect(tampered.ok).toBe(false);
        expect(tampered.problems.map((p) => p.code)).toEqual(["ROW_CHANGED"]);
      } finally {
        await store.close();
      }
    },
  );
});
