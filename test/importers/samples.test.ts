// Each format fixture (and, when ../shared is present, each real provider sample) imports with its exact
// counts, on SQLite and (with TOCSIN_TEST_PG) PostgreSQL; re-importing it changes nothing.
import { afterAll, describe, expect, it } from "vitest";
import { importFile, type ImportReport } from "../../src/importers/index.js";
import { listRecords, type Store } from "../../src/storage/index.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { hasSharedData } from "../support/shared-data.js";
import { clock, REAL_SAMPLES, SAMPLES } from "./helpers.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[importers/samples] TOCSIN_TEST_PG is unset: the PostgreSQL half of the sample imports is SKIPPED",
  );
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

// Actor counts: distinct armed actors (ACLED inter 1–4, 8; GED sides other than civilians; GDELT codes of
// government, military, police and armed-group types in events in scope).
/** Expected counts per file (read = imported + updated + unchanged + deleted + skipped + rejected). */
interface SampleCase {
  readonly name: string;
  readonly file: string;
  readonly format: string;
  readonly read: number;
  readonly imported: number;
  readonly skipped: number;
  readonly actors: number;
}

/** The repository's synthetic fixtures; the counts follow from how the generator builds them. */
const FIXTURES: readonly SampleCase[] = [
  // One country: police is the only armed actor (protesters, rioters and civilians are not stored as actors).
  {
    name: "ACLED one country",
    file: SAMPLES.acledOneCountry,
    format: "acled",
    read: 120,
    imported: 120,
    skipped: 0,
    actors: 1,
  },
  {
    name: "ACLED mixed",
    file: SAMPLES.acledMixed,
    format: "acled",
    read: 480,
    imported: 480,
    skipped: 0,
    actors: 208,
  },
  {
    name: "UCDP GED",
    file: SAMPLES.ucdp,
    format: "ucdp-ged",
    read: 450,
    imported: 450,
    skipped: 0,
    actors: 120,
  },
  // 8 events in CAMEO scope (173 ×2, 174 ×3, 190 ×3); the 42 others are skipped.
  {
    name: "GDELT events",
    file: SAMPLES.gdelt,
    format: "gdelt",
    read: 50,
    imported: 8,
    skipped: 42,
    actors: 10,
  },
  // 239 rows with events; 181 country rows report zero events.
  { name: "HXL", file: SAMPLES.hxl, format: "hxl", read: 420, imported: 239, skipped: 181, actors: 0 },
];

/** The real provider samples in ../shared (CI has them; a fresh clone does not). */
const REAL: readonly SampleCase[] = [
  {
    name: "ACLED Argentina",
    file: REAL_SAMPLES.acledArgentina,
    format: "acled",
    read: 326,
    imported: 326,
    skipped: 0,
    actors: 3,
  },
  {
    name: "ACLED mixed",
    file: REAL_SAMPLES.acledMixed,
    format: "acled",
    read: 480,
    imported: 480,
    skipped: 0,
    actors: 112,
  },
  {
    name: "UCDP GED",
    file: REAL_SAMPLES.ucdp,
    format: "ucdp-ged",
    read: 450,
    imported: 450,
    skipped: 0,
    actors: 158,
  },
  // 8 events in CAMEO scope (173 ×2, 174 ×3, 190 ×3); the 42 others (01…12, 172) are skipped.
  {
    name: "GDELT events",
    file: REAL_SAMPLES.gdelt,
    format: "gdelt",
    read: 50,
    imported: 8,
    skipped: 42,
    actors: 0,
  },
  // 239 rows with events; 181 rows report zero events.
  { name: "HXL", file: REAL_SAMPLES.hxl, format: "hxl", read: 420, imported: 239, skipped: 181, actors: 0 },
];
const hasReal = hasSharedData(
  "importers/samples",
  REAL.map((c) => c.file),
);

function counts(r: ImportReport) {
  return {
    read: r.read,
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    deleted: r.deleted,
    skipped: r.skipped,
    rejected: r.rejected,
  };
}

async function countKind(
  store: Store,
  kind: "incident" | "actor" | "source",
  caseId: string,
): Promise<number> {
  return (await listRecords(store, { kind, caseId, limit: 1, offset: 0 })).total;
}

async function importsExactly(target: StoreTarget, c: SampleCase): Promise<void> {
  const store = await target.open(await target.fresh());
  try {
    const first = await importFile(store, { format: "auto", file: c.file, clock });
    expect(first.fileError).toBeUndefined();
    expect(first.format).toBe(c.format);
    expect(counts(first)).toEqual({
      read: c.read,
      imported: c.imported,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      skipped: c.skipped,
      rejected: 0,
    });
    expect(await countKind(store, "incident", first.caseId)).toBe(c.imported);
    expect(await countKind(store, "source", first.caseId)).toBe(1);
    expect(await countKind(store, "actor", first.caseId)).toBe(c.actors);

    const again = await importFile(store, { format: c.format, file: c.file, clock });
    expect(counts(again)).toEqual({
      read: c.read,
      imported: 0,
      updated: 0,
      unchanged: c.imported,
      deleted: 0,
      skipped: c.skipped,
      rejected: 0,
    });
    expect(again.written).toBe(false);
    expect(await countKind(store, "incident", first.caseId)).toBe(c.imported);
  } finally {
    await store.close();
  }
}

for (const target of targets) {
  describe(`fixture imports (${target.name})`, () => {
    for (const c of FIXTURES) {
      it(`${c.name}: exact counts with auto-detection, then a no-op re-import`, () =>
        importsExactly(target, c));
    }
  });
  describe.skipIf(!hasReal)(`real sample imports, ../shared (${target.name})`, () => {
    for (const c of REAL) {
      it(`${c.name}: exact counts with auto-detection, then a no-op re-import`, () =>
        importsExactly(target, c));
    }
  });
}
