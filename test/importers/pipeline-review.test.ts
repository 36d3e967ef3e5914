// Defects found by the importer review (issue #6), against both stores: --strict sees write-time rejects, the
// file's Source is known from its earliest row (so replays grade imported incidents by it), the rejects file is
// checked before anything is written, and a run that commits nothing leaves the store as it was.
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { loadRulebook } from "../../src/casefiles/read-rulebook.js";
import { asOf, type Source } from "../../src/domain/index.js";
import { extractEvidence } from "../../src/engine/index.js";
import { exitCodeOf, importFile } from "../../src/importers/index.js";
import { getRecord, listRecords, readCase, type Store } from "../../src/storage/index.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { clock, incidentLine, SAMPLES, tempDir } from "./helpers.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[importers/pipeline-review] TOCSIN_TEST_PG is unset: the PostgreSQL half of this suite is SKIPPED",
  );
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

const HEADER = "id,occurredAt,knownAt,summary,acts,country,source";

function write(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function counts(store: Store): Promise<{ cases: number; batches: number; incidents: number }> {
  const cases = await store.db.selectFrom("cases").select("id").execute();
  const batches = await store.db.selectFrom("import_batches").select("id").execute();
  const incidents = await listRecords(store, { kind: "incident", limit: 1, offset: 0 });
  return { cases: cases.length, batches: batches.length, incidents: incidents.total };
}

for (const target of targets) {
  const fresh = async (): Promise<{ store: Store; location: string; dir: string }> => {
    const location = await target.fresh();
    return { store: await target.open(location), location, dir: tempDir() };
  };

  describe(`import pipeline review (${target.name})`, () => {
    it("--strict writes nothing when a row would be rejected at write time (a citation not in the case)", async () => {
      const { store, location, dir } = await fresh();
      try {
        const file = write(
          dir,
          "t1.csv",
          `${HEADER}\ninc-a,2020-01-01,2020-01-02,first,killing,RWA,\n` +
            "inc-b,2020-01-03,2020-01-04,second,killing,RWA,nonexistent-source\n",
        );
        const rejects = join(dir, "rejects.csv");
        const before = await target.writeStamp(location);
        const r = await importFile(store, {
          format: "tocsin",
          file,
          clock,
          strict: true,
          rejectsFile: rejects,
        });
        expect([r.read, r.imported, r.rejected, r.written]).toEqual([2, 0, 1, false]);
        expect(r.problems[0]?.reasons[0]).toContain('cites source "nonexistent-source"');
        expect(exitCodeOf(r)).toBe(2);
        expect(await target.writeStamp(location)).toBe(before);
        expect(await counts(store)).toEqual({ cases: 0, batches: 0, incidents: 0 });
        expect(readFileSync(rejects, "utf8")).toContain("nonexistent-source");
      } finally {
        await store.close();
      }
    });

    it("--strict accepts citations of the file's own sources (earlier in the file, any batch) and of stored ones", async () => {
      const { store, dir } = await fresh();
      try {
        const src = (id: string) =>
          JSON.stringify({
            kind: "source",
            record: {
              id,
              occurredAt: "2020-01",
              knownAt: "2020-01-31",
              kind: "report",
              title: `Report ${id}`,
              reliability: "B",
              credibility: 2,
            },
          });
        const inc = (id: string, source: string) =>
          incidentLine(id, { citations: [{ source, locator: "p. 1" }] });
        const first = write(dir, "first.jsonl", `${src("src-stored")}\n`);
        expect((await importFile(store, { format: "tocsin", file: first, clock })).imported).toBe(1);
        // Batches of 2 rows: src-early is defined in the first batch and cited in a later one.
        const file = write(
          dir,
          "records.jsonl",
          [
            src("src-early"),
            inc("inc-1", "src-stored"),
            inc("inc-2", "src-early"),
            inc("inc-3", "src-early"),
          ].join("\n") + "\n",
        );
        const ok = await importFile(store, { format: "tocsin", file, clock, strict: true, batchSize: 2 });
        expect([ok.read, ok.imported, ok.rejected, exitCodeOf(ok)]).toEqual([4, 4, 0, 0]);
        // A source cited before the row defining it is rejected, by the dry pass as by the writing pass.
        const late = write(dir, "late.jsonl", [inc("inc-4", "src-late"), src("src-late")].join("\n") + "\n");
        const s = await importFile(store, { format: "tocsin", file: late, clock, strict: true });
        expect([s.rejected, s.written, exitCodeOf(s)]).toEqual([1, false, 2]);
        const n = await importFile(store, { format: "tocsin", file: late, clock });
        expect([n.imported, n.rejected, exitCodeOf(n)]).toEqual([1, 1, 1]);
      } finally {
        await store.close();
      }
    });

    it("the file's Source is known from its earliest row, across batches and a resumed run, and grades its incidents", async () => {
      const { store, dir } = await fresh();
      try {
        // Rows known on different days. The first batch (the header and one row) holds the earliest row, the
        // resumed run the latest: the Source must keep the first run's earliest day and widen its events.
        const file = write(
          dir,
          "span.csv",
          `${HEADER}\n` +
            "inc-b,2020-01-01,2020-01-02,b,killing,RWA,\n" +
            "inc-a,2020-01-05,2020-01-06,a,killing,RWA,\n" +
            "inc-c,2020-01-03,2020-01-09,c,killing,RWA,\n" +
            "inc-d,2020-01-07,2020-01-08,d,killing,RWA,\n",
        );
        const controller = new AbortController();
        let batches = 0;
        const first = await importFile(store, {
          format: "tocsin",
          file,
          clock,
          batchSize: 2,
          onCommitted: () => {
            batches += 1;
            if (batches === 1) controller.abort();
          },
          signal: controller.signal,
        });
        expect([first.imported, first.interrupted]).toEqual([1, true]);
        const second = await importFile(store, { format: "tocsin", file, clock, batchSize: 2 });
        expect([second.resumedAfterLine, second.imported]).toEqual([2, 4]);
        const source = (await getRecord(
          store,
          "source",
          second.sourceId as string,
          "import-tocsin",
        )) as Source;
        expect(source.knownAt).toBe("2020-01-02");
        expect(source.occurredAt).toMatchObject({ from: "2020-01-01", to: "2020-01-07" });

        // Through the engine: every imported incident is graded by the dataset from its own knownAt on.
        const rb = await loadRulebook(process.cwd());
        if (!rb.ok) throw new Error("rulebook");
        const bundle = await readCase(store, "import-tocsin");
        if (!bundle) throw new Error("case");
        const evidence = extractEvidence(bundle, rb.rulebook).items;
        expect(new Set(evidence.map((e) => e.record))).toEqual(new Set(["inc-a", "inc-b", "inc-c", "inc-d"]));
        for (const e of evidence) {
          expect(e.grade).toBe("F6");
          expect(e.upgrade).toBe(false);
          expect(e.knownAt).toBe(e.recordKnownAt);
        }
        // As of the earliest row's day, the source is in the replay's view and grades that row.
        const early = extractEvidence(asOf(bundle, "2020-01-02"), rb.rulebook).items;
        expect(early.map((e) => [e.record, e.grade])).toContainEqual(["inc-b", "F6"]);
      } finally {
        await store.close();
      }
    });

    it("an ACLED file's incidents are graded B2 by the dataset at their own knownAt, never as unknown first", async () => {
      const { store } = await fresh();
      try {
        const r = await importFile(store, { format: "acled", file: SAMPLES.acledOneCountry, clock });
        const bundle = await readCase(store, "import-acled");
        if (!bundle) throw new Error("case");
        const known = bundle.records.incident.map((i) => i.knownAt).sort();
        expect(known[0]).not.toBe(known[known.length - 1]);
        const source = bundle.records.source.find((s) => s.id === r.sourceId);
        expect(source?.knownAt).toBe(known[0]);
        const rb = await loadRulebook(process.cwd());
        if (!rb.ok) throw new Error("rulebook");
        const evidence = extractEvidence(bundle, rb.rulebook).items;
        expect(evidence.length).toBeGreaterThan(0);
        for (const e of evidence)
          expect([e.grade, e.upgrade, e.knownAt]).toEqual(["B2", false, e.recordKnownAt]);
      } finally {
        await store.close();
      }
    });

    it("a gzip bomb found after the header leaves the store as it was (no case, no batch row)", async () => {
      const { store, location, dir } = await fresh();
      try {
        const bomb = write(
          dir,
          "bomb.csv.gz",
          gzipSync(
            Buffer.concat([
              Buffer.from(`${HEADER}\ninc-a,2020-01-01,2020-01-02,a,killing,RWA,\n`),
              Buffer.alloc(8 * 1024 * 1024, 0x0a),
            ]),
          ),
        );
        const before = await target.writeStamp(location);
        const r = await importFile(store, { format: "tocsin", file: bomb, clock });
        expect(r.fileError?.code).toBe("IMPORT_ARCHIVE_LIMIT");
        expect([r.written, r.interrupted, exitCodeOf(r)]).toEqual([false, false, 2]);
        expect(await counts(store)).toEqual({ cases: 0, batches: 0, incidents: 0 });
        expect(await target.writeStamp(location)).toBe(before);

        // A run that committed rows before the bomb keeps its batch row: it is resumable (exit 1).
        const rows = Array.from({ length: 3 }, (_, i) => `inc-${i},2020-01-01,2020-01-02,r,killing,RWA,`);
        const late = write(
          dir,
          "late.csv.gz",
          gzipSync(
            Buffer.concat([
              Buffer.from(`${HEADER}\n${rows.join("\n")}\n`),
              Buffer.alloc(8 * 1024 * 1024, 0x0a),
            ]),
          ),
        );
        const l = await importFile(store, { format: "tocsin", file: late, clock, batchSize: 1 });
        expect(l.fileError?.code).toBe("IMPORT_ARCHIVE_LIMIT");
        expect([l.written, l.interrupted, exitCodeOf(l)]).toEqual([true, true, 1]);
        expect(await counts(store)).toEqual({ cases: 1, batches: 1, incidents: 3 });
        const batch = await store.db.selectFrom("import_batches").select(["status"]).executeTakeFirst();
        expect(batch?.status).toBe("interrupted");
      } finally {
        await store.close();
      }
    });
  });
}

describe("the rejects file is checked before anything is written", () => {
  const target = sqliteTarget();
  afterAll(() => target.cleanup());
  const t1 = `${HEADER}\ninc-a,2020-01-01,2020-01-02,first,killing,RWA,\ninc-b,2020-01-03,2020-01-04,second,killing,RWA,nonexistent-source\n`;

  it("refuses a rejects path that is the input (same path, a symbolic or a hard link) or the store", async () => {
    const location = await target.fresh();
    const store = await target.open(location);
    const dir = tempDir();
    try {
      const file = write(dir, "t1.csv", t1);
      const hard = join(dir, "hard.csv");
      linkSync(file, hard);
      const soft = join(dir, "soft.csv");
      symlinkSync(file, soft);
      const before = await target.writeStamp(location);
      for (const rejectsFile of [file, join(dir, ".", "t1.csv"), hard, soft, location]) {
        const r = await importFile(store, { format: "tocsin", file, clock, rejectsFile });
        expect(r.fileError?.code).toBe("IMPORT_UNREADABLE");
        expect(r.fileError?.message).toContain(`rejects file ${rejectsFile}`);
        expect([r.written, exitCodeOf(r)]).toEqual([false, 2]);
      }
      expect(readFileSync(file, "utf8")).toBe(t1);
      expect(await target.writeStamp(location)).toBe(before);
      expect(await counts(store)).toEqual({ cases: 0, batches: 0, incidents: 0 });
    } finally {
      await store.close();
    }
  });

  it("an unwritable rejects path fails first with its name (exit 2, nothing written), never hangs", async () => {
    const location = await target.fresh();
    const store = await target.open(location);
    const dir = tempDir();
    try {
      const file = write(dir, "t1.csv", t1);
      const folder = join(dir, "folder");
      mkdirSync(folder);
      const before = await target.writeStamp(location);
      for (const rejectsFile of [
        join(dir, "no-such-dir", "r.csv"),
        folder,
        join(file, "r.csv"),
        "/dev/full",
      ]) {
        if (rejectsFile === "/dev/full" && !existsSync("/dev/full")) continue;
        const r = await importFile(store, { format: "tocsin", file, clock, rejectsFile });
        expect(r.fileError?.message).toContain(`rejects file ${rejectsFile}`);
        expect([r.written, r.imported, exitCodeOf(r)]).toEqual([false, 0, 2]);
      }
      expect(await target.writeStamp(location)).toBe(before);
      expect(await counts(store)).toEqual({ cases: 0, batches: 0, incidents: 0 });
    } finally {
      await store.close();
    }
  }, 20_000);
});
