// Issue #6, second pipeline review, against both stores: the import case's period covers its data, actor
// references must name an actor in the file or the case, a batch rolled back by a store error is not counted
// twice on resume, a resumed run appends to its rejects file, and its rate counts only its own rows.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { exitCodeOf, importFile } from "../../src/importers/index.js";
import { listRecords, readCase, type Store } from "../../src/storage/index.js";
import { ensureImportCase } from "../../src/storage/imports/import.repository.js";
import { verifyLog } from "../../src/storage/log/log-verify.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { clock, incidentLine, SAMPLES, tempDir } from "./helpers.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[importers/pipeline-resume] TOCSIN_TEST_PG is unset: the PostgreSQL half of this suite is SKIPPED",
  );
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The earliest occurredAt.from and latest knownAt (as days) of the case's stored incidents. */
async function incidentSpan(store: Store, caseId: string): Promise<{ from: string; to: string }> {
  const bundle = await readCase(store, caseId);
  const incidents = bundle?.records.incident ?? [];
  expect(incidents.length).toBeGreaterThan(0);
  const froms = incidents.map((i) => i.occurredAt.from).sort();
  const knowns = incidents.map((i) => i.knownAt.slice(0, 10)).sort();
  return { from: froms[0] as string, to: knowns[knowns.length - 1] as string };
}

/** A one-row ACLED file: the sample's first row as a new event, earlier than every row of the sample. */
function olderAcled(dir: string): string {
  const lines = readFileSync(SAMPLES.acledMixed, "utf8").split("\n");
  const row = (lines[1] as string).replace(
    /^"AFGSYNTH1","2022-01-01",2022,/,
    '"AFG00001","2021-06-15",2021,',
  );
  expect(row.startsWith('"AFG00001"')).toBe(true);
  const cells = row.split(",");
  cells[cells.length - 1] = "1625000000"; // 2021-06-29T20:53:20Z
  return write(dir, "older.csv", `${lines[0] as string}\n${cells.join(",")}\n`);
}

const actorLine = (id: string) =>
  JSON.stringify({
    kind: "actor",
    record: {
      id,
      occurredAt: "2019",
      knownAt: "2019-12-31",
      kind: "militia",
      name: `Militia ${id}`,
      dutyBearer: false,
      roles: ["perpetrator"],
    },
  });
const refsLine = (id: string, perpetrators: string[], targets?: string[]) =>
  incidentLine(id, { perpetrators, ...(targets ? { targets } : {}) });

/** A Tocsin CSV of 8 data rows (lines 2–9); lines 3, 7 and 9 are rejected (known before they happened). */
function csvWithRejects(dir: string): string {
  const rows = ["id,occurredAt,knownAt,summary,acts,country"];
  for (let line = 2; line <= 9; line++) {
    const bad = line === 3 || line === 7 || line === 9;
    rows.push(`inc-${line},2020-01-10,${bad ? "2020-01-01" : "2020-01-11"},row ${line},killing,RWA`);
  }
  return write(dir, "with-rejects.csv", rows.join("\n") + "\n");
}

/** The line numbers listed in a rejects file (and how many header rows it has). */
function rejectsOf(path: string): { headers: number; lines: number[] } {
  const rows = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "");
  return {
    headers: rows.filter((r) => r.startsWith("line,")).length,
    lines: rows.filter((r) => !r.startsWith("line,")).map((r) => Number(r.split(",")[0])),
  };
}

for (const target of targets) {
  const fresh = async (): Promise<{ store: Store; dir: string }> => ({
    store: await target.open(await target.fresh()),
    dir: tempDir(),
  });

  describe(`import pipeline, second review (${target.name})`, () => {
    it("gives the import case the period of its data, widened by a later import of older events", async () => {
      const { store, dir } = await fresh();
      try {
        const r = await importFile(store, {
          format: "acled",
          file: SAMPLES.acledMixed,
          clock,
          batchSize: 100,
        });
        expect([r.read, r.imported]).toEqual([480, 480]);
        const span = await incidentSpan(store, "import-acled");
        expect((await readCase(store, "import-acled"))?.manifest.period).toEqual(span);
        // Not the import day (the clock's 2026-01-15).
        expect(span.to < "2026-01-15").toBe(true);

        const o = await importFile(store, { format: "acled", file: olderAcled(dir), clock });
        expect([o.read, o.imported, o.rejected]).toEqual([1, 1, 0]);
        const period = (await readCase(store, "import-acled"))?.manifest.period;
        // The row's time_precision 3 (month): its events may start on 2021-06-01.
        expect(period).toEqual({ from: "2021-06-01", to: span.to });
        expect(period).toEqual(await incidentSpan(store, "import-acled"));
        // A re-import changes nothing (the period is only widened).
        await importFile(store, { format: "acled", file: SAMPLES.acledMixed, clock });
        expect((await readCase(store, "import-acled"))?.manifest.period).toEqual(period);
        // The manifest's update is in the tamper-evident log.
        expect((await verifyLog(store.db)).problems).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it("leaves the period of a named case as it is", async () => {
      const { store } = await fresh();
      try {
        await ensureImportCase(store, "analyst-case", "Analyst case", true, "2024-03-01T00:00:00Z");
        const r = await importFile(store, {
          format: "acled",
          file: SAMPLES.acledMixed,
          clock,
          caseId: "analyst-case",
        });
        expect(r.imported).toBe(480);
        expect((await readCase(store, "analyst-case"))?.manifest.period).toEqual({
          from: "2024-03-01",
          to: "2024-03-01",
        });
      } finally {
        await store.close();
      }
    });

    for (const strict of [false, true]) {
      it(`rejects a reference to an actor in neither the file nor the case (${strict ? "strict" : "not strict"})`, async () => {
        const { store, dir } = await fresh();
        try {
          const first = write(dir, "stored.jsonl", `${actorLine("stored-actor")}\n`);
          expect((await importFile(store, { format: "tocsin", file: first, clock })).imported).toBe(1);
          const file = write(
            dir,
            "refs.jsonl",
            [
              actorLine("file-actor"),
              refsLine("inc-ok", ["file-actor", "stored-actor"]),
              refsLine("inc-bad", ["stored-actor"], ["nobody"]),
            ].join("\n") + "\n",
          );
          const rejects = join(dir, "rejects.csv");
          const r = await importFile(store, { format: "tocsin", file, clock, strict, rejectsFile: rejects });
          expect([r.read, r.rejected]).toEqual([3, 1]);
          expect(r.problems).toEqual([
            {
              line: 3,
              fields: ["targets.0"],
              reasons: ['targets.0: names actor "nobody", which is not in the file or in case import-tocsin'],
            },
          ]);
          expect(readFileSync(rejects, "utf8")).toContain('names actor ""nobody""');
          const incidents = await listRecords(store, { kind: "incident", limit: 10, offset: 0 });
          if (strict) {
            expect([r.imported, r.written, exitCodeOf(r)]).toEqual([0, false, 2]);
            expect(incidents.total).toBe(0);
          } else {
            expect([r.imported, r.written, exitCodeOf(r)]).toEqual([2, true, 1]);
            expect(incidents.total).toBe(1);
          }
        } finally {
          await store.close();
        }
      });

      it(`rejects a Tocsin CSV incident naming an unknown actor, accepts a stored one (${strict ? "strict" : "not strict"})`, async () => {
        const { store, dir } = await fresh();
        try {
          const first = write(dir, "stored.jsonl", `${actorLine("stored-actor")}\n`);
          await importFile(store, { format: "tocsin", file: first, clock });
          const file = write(
            dir,
            "refs.csv",
            "id,occurredAt,knownAt,summary,acts,country,perpetrators\n" +
              "inc-1,2020-01-03,2020-02-01,ok,killing,RWA,stored-actor\n" +
              "inc-2,2020-01-03,2020-02-01,bad,killing,RWA,stored-actor;nobody\n",
          );
          const r = await importFile(store, { format: "tocsin", file, clock, strict });
          expect([r.read, r.rejected, r.imported]).toEqual([2, 1, strict ? 0 : 1]);
          expect(r.problems[0]?.fields).toEqual(["perpetrators.1"]);
          expect(r.problems[0]?.reasons[0]).toContain('names actor "nobody"');
        } finally {
          await store.close();
        }
      });
    }

    it("persists only committed counts when a batch's commit fails, so the resumed run counts each row once", async () => {
      const { store } = await fresh();
      // A row of the second batch (lines 101–200 with 100 rows per batch) whose write fails once.
      const line = (readFileSync(SAMPLES.acledMixed, "utf8").split("\n")[149] as string).split(
        ",",
      )[0] as string;
      const id = `acled.${line.replace(/"/g, "").toLowerCase()}`;
      const trigger =
        target.name === "sqlite"
          ? [
              `create trigger pipe2_fail before insert on import_rows when new.record_id = '${id}' ` +
                "begin select raise(abort, 'injected failure'); end",
            ]
          : [
              "create or replace function pipe2_fail() returns trigger language plpgsql as $$ begin " +
                `if new.record_id = '${id}' then raise exception 'injected failure'; end if; return new; end $$`,
              "create trigger pipe2_fail before insert on import_rows for each row execute function pipe2_fail()",
            ];
      const drop =
        target.name === "sqlite"
          ? ["drop trigger if exists pipe2_fail"]
          : ["drop trigger if exists pipe2_fail on import_rows", "drop function if exists pipe2_fail()"];
      try {
        for (const s of trigger) await sql.raw(s).execute(store.db);
        await expect(
          importFile(store, { format: "acled", file: SAMPLES.acledMixed, clock, batchSize: 100 }),
        ).rejects.toThrow(/injected failure/);
        const batch = await store.db.selectFrom("import_batches").selectAll().executeTakeFirstOrThrow();
        expect([batch.status, batch.last_line, batch.read, batch.imported]).toEqual([
          "interrupted",
          100,
          99,
          99,
        ]);
        for (const s of drop) await sql.raw(s).execute(store.db);
        let calls = 0;
        const second = await importFile(store, {
          format: "acled",
          file: SAMPLES.acledMixed,
          clock,
          batchSize: 100,
          // 1,000 ms from the first reading to every later one.
          timer: () => (calls++ === 0 ? 0 : 1000),
        });
        expect(second.resumedAfterLine).toBe(100);
        expect([second.read, second.imported, second.unchanged, second.rejected]).toEqual([480, 480, 0, 0]);
        // The rate is of this run's rows (lines 101–481), not of the rows the first run read.
        expect([second.elapsedMs, second.rowsPerSecond]).toEqual([1000, 381]);
        expect(
          (await listRecords(store, { kind: "incident", caseId: "import-acled", limit: 1, offset: 0 })).total,
        ).toBe(480);
        expect((await verifyLog(store.db)).problems).toEqual([]);
      } finally {
        for (const s of drop) await sql.raw(s).execute(store.db);
        await store.close();
      }
    });

    it("appends to the rejects file on a resumed run, and says so when the file was gone", async () => {
      for (const keepFile of [true, false]) {
        const { store, dir } = await fresh();
        try {
          const file = csvWithRejects(dir);
          const rejects = join(dir, "rejects.csv");
          const controller = new AbortController();
          const first = await importFile(store, {
            format: "tocsin",
            file,
            clock,
            batchSize: 4,
            rejectsFile: rejects,
            onCommitted: () => controller.abort(),
            signal: controller.signal,
          });
          // The first batch is the header and lines 2–4.
          expect([first.interrupted, first.read, first.rejected]).toEqual([true, 3, 1]);
          expect(rejectsOf(rejects)).toEqual({ headers: 1, lines: [3] });
          if (!keepFile) rmSync(rejects);
          const second = await importFile(store, {
            format: "tocsin",
            file,
            clock,
            batchSize: 4,
            rejectsFile: rejects,
          });
          expect(second.resumedAfterLine).toBe(4);
          expect([second.read, second.imported, second.rejected]).toEqual([8, 5, 3]);
          expect(existsSync(rejects)).toBe(true);
          if (keepFile) {
            expect(rejectsOf(rejects)).toEqual({ headers: 1, lines: [3, 7, 9] });
            expect(second.rejectsFromLine).toBeUndefined();
          } else {
            expect(rejectsOf(rejects)).toEqual({ headers: 1, lines: [7, 9] });
            expect(second.rejectsFromLine).toBe(5);
          }
        } finally {
          await store.close();
        }
      }
    });
  });
}
