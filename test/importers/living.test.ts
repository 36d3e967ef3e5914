// ACLED is a living dataset: updated rows replace the stored record and keep the previous version, older rows
// are kept out, deletion lists remove records (and they do not come back), and an interrupted run resumes.

import { verifyLog } from "../../src/storage/log/log-verify.js";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Incident } from "../../src/domain/index.js";
import { exitCodeOf, importFile } from "../../src/importers/index.js";
import { getRecord, listRecords } from "../../src/storage/index.js";
import { recordVersions } from "../../src/storage/imports/import.repository.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { clock, FIXTURES_DIR, SAMPLES, tempDir } from "./helpers.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[importers/living] TOCSIN_TEST_PG is unset: the PostgreSQL half of the living-data suite is SKIPPED",
  );
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

/** The mixed ACLED sample with one row's fatalities and timestamp changed. */
function variant(dir: string, name: string, id: string, fatalities: string, timestampDelta: number): string {
  const lines = readFileSync(SAMPLES.acledMixed, "utf8").split("\n");
  const i = lines.findIndex((l) => l.startsWith(`"${id}",`));
  const cells = (lines[i] as string).split(",");
  const ts = Number(cells[cells.length - 1]);
  cells[cells.length - 1] = String(ts + timestampDelta);
  cells[cells.length - 3] = fatalities;
  lines[i] = cells.join(",");
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n"));
  return path;
}

for (const target of targets) {
  const tempStore = async () => ({ store: await target.open(await target.fresh()), dir: tempDir() });
  describe(`living ACLED data (${target.name})`, () => {
    it("updates a row with a newer timestamp and keeps the previous version; keeps out an older one", async () => {
      const { store, dir } = await tempStore();
      try {
        await importFile(store, { format: "acled", file: SAMPLES.acledMixed, clock });
        // BRASYNTH2 has 1 fatality in the sample; the newer edit says 2.
        const newer = variant(dir, "newer.csv", "BRASYNTH2", "2", 100);
        const r = await importFile(store, { format: "acled", file: newer, clock });
        expect([r.read, r.imported, r.updated, r.unchanged]).toEqual([480, 0, 1, 479]);
        const stored = (await getRecord(store, "incident", "acled.brasynth2", "import-acled")) as Incident;
        expect(stored.fatalities).toEqual({ best: 2 });
        expect(stored.citations[0]?.source).toBe(r.sourceId);
        const versions = await recordVersions(store, "import-acled", "incident", "acled.brasynth2");
        expect(versions).toHaveLength(1);
        expect(versions[0]?.change).toBe("updated");
        expect((JSON.parse(versions[0]?.body ?? "{}") as Incident).fatalities).toEqual({ best: 1 });

        const older = variant(dir, "older.csv", "BRASYNTH2", "7", -100);
        const o = await importFile(store, { format: "acled", file: older, clock });
        expect([o.updated, o.unchanged, o.olderThanStored]).toEqual([0, 480, 1]);
        expect(
          ((await getRecord(store, "incident", "acled.brasynth2", "import-acled")) as Incident).fatalities,
        ).toEqual({ best: 2 });
        // Every update, deletion and resumed batch went through the tamper-evident log.
        expect((await verifyLog(store.db)).problems).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("applies a deletion list, reports it, and a re-import of the old file does not bring records back", async () => {
      const { store } = await tempStore();
      try {
        await importFile(store, { format: "acled", file: SAMPLES.acledMixed, clock });
        const d = await importFile(store, {
          format: "auto",
          file: join(FIXTURES_DIR, "acled-deletions.csv"),
          clock,
        });
        expect(d.variant).toBe("deletion list");
        expect([d.read, d.deleted, d.skipped, d.rejected]).toEqual([3, 2, 1, 0]);
        expect(d.deletedIds).toEqual(["acled.afgsynth1", "acled.brasynth2"]);
        expect(d.skipReasons).toEqual({ "deletion of a record not in the store": 1 });
        expect(exitCodeOf(d)).toBe(0);
        expect(
          (await listRecords(store, { kind: "incident", caseId: "import-acled", limit: 1, offset: 0 })).total,
        ).toBe(478);
        expect(await getRecord(store, "incident", "acled.afgsynth1", "import-acled")).toBeUndefined();
        expect((await recordVersions(store, "import-acled", "incident", "acled.afgsynth1"))[0]?.change).toBe(
          "deleted",
        );

        const again = await importFile(store, { format: "acled", file: SAMPLES.acledMixed, clock });
        expect([again.imported, again.updated, again.unchanged, again.olderThanStored]).toEqual([
          0, 0, 480, 2,
        ]);
        expect(
          (await listRecords(store, { kind: "incident", caseId: "import-acled", limit: 1, offset: 0 })).total,
        ).toBe(478);
        // Every update, deletion and resumed batch went through the tamper-evident log.
        expect((await verifyLog(store.db)).problems).toEqual([]);
        const deletions = await store.db
          .selectFrom("log_leaves")
          .select("record_key")
          .where("action", "=", "delete")
          .execute();
        expect(deletions.map((l) => l.record_key).sort()).toEqual([
          '{"case_id":"import-acled","id":"acled.afgsynth1"}',
          '{"case_id":"import-acled","id":"acled.brasynth2"}',
        ]);
      } finally {
        await store.close();
      }
    });

    it("brings a deleted record back as a new record (imported, logged as a create) when a newer row comes", async () => {
      const { store, dir } = await tempStore();
      try {
        await importFile(store, { format: "acled", file: SAMPLES.acledMixed, clock });
        await importFile(store, { format: "auto", file: join(FIXTURES_DIR, "acled-deletions.csv"), clock });
        expect(await getRecord(store, "incident", "acled.brasynth2", "import-acled")).toBeUndefined();
        // The deletion list's deleted_timestamp is 1700000000: an edit after it.
        const line = readFileSync(SAMPLES.acledMixed, "utf8")
          .split("\n")
          .find((l) => l.startsWith('"BRASYNTH2",')) as string;
        const ts = Number(line.split(",").pop());
        const back = variant(dir, "back.csv", "BRASYNTH2", "3", 1700000100 - ts);
        const r = await importFile(store, { format: "acled", file: back, clock });
        expect([r.imported, r.updated, r.deleted]).toEqual([1, 0, 0]);
        expect(
          ((await getRecord(store, "incident", "acled.brasynth2", "import-acled")) as Incident).fatalities,
        ).toEqual({ best: 3 });
        const leaves = await store.db
          .selectFrom("log_leaves")
          .select(["action", "leaf_index"])
          .where("record_key", "=", '{"case_id":"import-acled","id":"acled.brasynth2"}')
          .orderBy("leaf_index")
          .execute();
        expect(leaves.map((l) => l.action)).toEqual(["create", "delete", "create"]);
        expect((await verifyLog(store.db)).problems).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("resumes an interrupted import after the last committed batch", async () => {
      const { store } = await tempStore();
      try {
        const controller = new AbortController();
        const first = await importFile(store, {
          format: "acled",
          file: SAMPLES.acledMixed,
          clock,
          batchSize: 100,
          timer: (() => {
            let t = 0;
            return () => (t += 1000);
          })(),
          onProgress: () => controller.abort(),
          signal: controller.signal,
        });
        expect(first.interrupted).toBe(true);
        expect(first.fileError?.code).toBe("IMPORT_INTERRUPTED");
        expect(exitCodeOf(first)).toBe(1);
        // The first batch of 100 tokenized rows holds the header (line 1) and data lines 2–100.
        expect([first.read, first.imported]).toEqual([99, 99]);
        const second = await importFile(store, {
          format: "acled",
          file: SAMPLES.acledMixed,
          clock,
          batchSize: 100,
        });
        expect(second.resumedAfterLine).toBe(100);
        expect([second.read, second.imported, second.unchanged, second.interrupted]).toEqual([
          480,
          480,
          0,
          false,
        ]);
        expect(
          (await listRecords(store, { kind: "incident", caseId: "import-acled", limit: 1, offset: 0 })).total,
        ).toBe(480);
        // Every update, deletion and resumed batch went through the tamper-evident log.
        expect((await verifyLog(store.db)).problems).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
