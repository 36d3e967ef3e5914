// Confidential sources at rest, on SQLite and PostgreSQL: after loading the built-in case and a synthetic case
// (twice: the second load is all "unchanged"), unique strings planted in every identifying field of every
// confidential source — title, author, url, notes, licence, attribution, its own citations' locators, and the
// five protected-identity fields — appear nowhere in the raw database: every column of every row of every
// table read behind the application's back (better-sqlite3 on the file, and the file's bytes; PostgreSQL's
// rows as JSON), the tamper-evident log's leaves included. The dual-control reveal and an entitled read still
// return the exact values, and a store opened without the field key refuses to load them at all. The same holds
// for a confidential source brought in by `tocsin import tocsin` (both import writers).
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readCaseFolder } from "../../src/casefiles/index.js";
import type { CaseBundle, Source } from "../../src/domain/index.js";
import type { Principal } from "../../src/security/principal.js";
import { importFile } from "../../src/importers/index.js";
import { listCases, loadCase, openStore, readCase, StoreError } from "../../src/storage/index.js";
import { approveReveal, requestReveal, revealIdentity } from "../../src/storage/confidential/index.js";
import { verifyLog } from "../../src/storage/log/index.js";
import { informant, sortRecords, syntheticBundle } from "../storage/fixtures.js";
import { postgresTarget, sqliteTarget, TEST_FIELD_KEY, type StoreTarget } from "../storage/store-targets.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[confidential-source-at-rest] TOCSIN_TEST_PG is unset: the PostgreSQL half of this suite is SKIPPED",
  );

const CANARY = `srcrest${Math.random().toString(36).slice(2, 10)}q`;
const ROOT = join(import.meta.dirname, "..", "..");

/** Every identifying text field of a confidential source, each with its own canary. */
function planted(s: Source): Source {
  if (!s.confidential) return s;
  const c = (field: string) => `${CANARY}-${s.id}-${field}`;
  return {
    ...s,
    title: c("title"),
    author: c("author"),
    url: `https://example.org/${c("url")}`,
    notes: c("notes"),
    licence: c("licence"),
    attribution: c("attribution"),
    citations: s.citations.map((x, i) => ({ ...x, locator: c(`locator${i}`) })),
    protectedIdentity: {
      name: c("name"),
      contact: c("contact"),
      exactPlace: c("exactPlace"),
      device: c("device"),
      description: c("description"),
    },
  };
}

function withCanaries(bundle: CaseBundle): CaseBundle {
  return { ...bundle, records: { ...bundle.records, source: bundle.records.source.map(planted) } };
}

const hits = (text: string): number => text.split(CANARY).length - 1;

/** What a dual-control reveal returns for a source: its sealed fields and its protected identity, exactly. */
const revealedFields = (source: Source) => ({
  title: source.title,
  author: source.author,
  url: source.url,
  notes: source.notes,
  licence: source.licence,
  attribution: source.attribution,
  ...source.protectedIdentity,
});

/** Every column of every row of every table of a SQLite file, read with better-sqlite3 (not through Tocsin). */
function sqliteDump(file: string): Map<string, string> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
      name: string;
    }[];
    const out = new Map<string, string>();
    for (const { name } of tables) {
      const rows = db.prepare(`select * from "${name}"`).raw().all() as unknown[][];
      const cells = rows.flat().map((v) => (Buffer.isBuffer(v) ? v.toString("latin1") : String(v)));
      out.set(name, cells.join("\u0000"));
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every row of every table of the store's PostgreSQL schema, as JSON text (raw rows, not through Tocsin). */
async function postgresDump(location: string): Promise<Map<string, string>> {
  const schema = new URL(location).searchParams.get("schema") ?? "public";
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1 order by table_name",
      [schema],
    );
    const out = new Map<string, string>();
    for (const { table_name } of tables.rows) {
      const r = await client.query<{ j: string }>(
        `select row_to_json(t)::text as j from "${schema}"."${table_name}" t`,
      );
      out.set(table_name, r.rows.map((x) => x.j).join("\n"));
    }
    return out;
  } finally {
    await client.end();
  }
}

/**
 * A Tocsin JSON-lines file: an open source, then a confidential one (canaries planted) citing it. Version 2
 * has the confidential source updated (newer knownAt, another title): an update of the same provider key.
 */
function importFileWithConfidentialSource(
  dir = mkdtempSync(join(tmpdir(), "tocsin-conf-import-")),
  version: 1 | 2 = 1,
): { file: string; dir: string; source: Source } {
  const open: Source = { ...informant, id: "imp-open", kind: "report", title: "Open report" };
  // No citations: the importer cites the file's own source.
  const { protectedIdentity: _p, citations: _c, ...openRecord } = { ...open, confidential: false };
  const first = planted({
    ...informant,
    id: "imp-informant",
    citations: [{ source: "imp-open", locator: "" }],
  });
  const source =
    version === 1 ? first : { ...first, knownAt: "2031-02-01", title: `${CANARY}-imp-informant-title-v2` };
  const file = join(dir, `records-v${version}.jsonl`);
  // Case-file form: dates as text.
  const lines = [openRecord, source]
    .map((r) => ({ kind: "source", record: { ...r, occurredAt: "2031-01-10" } }))
    .map((l) => JSON.stringify(l));
  writeFileSync(file, `${lines.join("\n")}\n`);
  return { file, dir, source };
}

const clock = () => new Date("2031-05-01T09:00:00.000Z");

const handler = (id: string): Principal => ({
  userId: id,
  username: id,
  role: "source-handler",
  secondFactor: true,
  via: "session",
});

const targets: { name: string; make: () => StoreTarget; skip: boolean }[] = [
  { name: "sqlite", make: sqliteTarget, skip: false },
  { name: "postgres", make: () => postgresTarget(PG ?? ""), skip: !PG },
];

for (const t of targets) {
  describe.skipIf(t.skip)(`confidential sources at rest: ${t.name}`, () => {
    const target = t.make();
    afterAll(async () => target.cleanup());

    it("leaves no identifying string in any table, while reveal and entitled reads return the exact values", async () => {
      const read = await readCaseFolder(join(ROOT, "cases", "rwanda-1990-1994"));
      if (!read.ok) throw new Error("the built-in case does not validate");
      const bundles = [withCanaries(read.bundle), withCanaries(syntheticBundle())];
      const confidential = bundles.flatMap((b) =>
        b.records.source.filter((s) => s.confidential).map((s) => ({ caseId: b.manifest.id, source: s })),
      );
      expect(confidential.length).toBeGreaterThanOrEqual(2);
      // 11 text fields and at least one citation locator per confidential source carry the canary.
      for (const { source } of confidential)
        expect(hits(JSON.stringify(source))).toBeGreaterThanOrEqual(11 + source.citations.length);

      const location = await target.fresh();
      const store = await target.open(location);
      for (const b of bundles) {
        const total = Object.values(b.records).reduce((n, list) => n + list.length, 0);
        const first = await loadCase(store, b, { actor: "test" });
        expect(first.totals).toEqual({ inserted: total, updated: 0, unchanged: 0, deleted: 0 });
        // Loading twice: change detection compares decrypted values with the case, so nothing is written.
        const second = await loadCase(store, b, { actor: "test" });
        expect([second.changed, second.totals]).toEqual([
          false,
          { inserted: 0, updated: 0, unchanged: total, deleted: 0 },
        ]);
      }
      expect((await verifyLog(store.db)).problems).toEqual([]);

      // Positive controls: an entitled read and the dual-control reveal return every value exactly.
      for (const b of bundles)
        expect(await readCase(store, b.manifest.id, { includeProtected: true })).toEqual({
          ...b,
          records: sortRecords(b.records),
        });
      const [sam, tom] = [handler("u-sam"), handler("u-tom")];
      const now = new Date("2031-05-01T10:00:00.000Z");
      for (const { caseId, source } of confidential) {
        const id = await requestReveal(store.db, sam, caseId, source.id, "court disclosure order 7", now);
        await approveReveal(store.db, tom, id, now);
        expect(await revealIdentity(store.db, sam, id, TEST_FIELD_KEY, now)).toEqual(revealedFields(source));
      }
      await store.close();

      const dump = t.name === "sqlite" ? sqliteDump(location) : await postgresDump(location);
      for (const table of ["sources", "source_identities", "citations", "log_leaves", "audit_events"])
        expect(dump.has(table), table).toBe(true);
      expect(dump.get("source_identities")).toContain("enc:v1:");
      // The scan does see the stores' contents (a positive control on the dump itself).
      expect(dump.get("sources")).toContain("Protected source");
      const leaks = [...dump].filter(([, text]) => hits(text) > 0).map(([table]) => table);
      expect(leaks).toEqual([]);
      const planted = confidential.reduce((n, { source }) => n + hits(JSON.stringify(source)), 0);
      console.info(
        `[at-rest] ${t.name}: ${planted} planted strings in ${confidential.length} confidential sources; ` +
          `${dump.size} tables scanned, ${leaks.length} holding one`,
      );
      if (t.name === "sqlite")
        for (const file of [location, `${location}-wal`])
          if (existsSync(file))
            expect([file, hits(readFileSync(file).toString("latin1"))]).toEqual([file, 0]);
    }, 120_000);

    it("imports a confidential source encrypted: revealable, absent from raw tables, re-import unchanged", async () => {
      const { file, dir, source: v1 } = importFileWithConfidentialSource();
      try {
        expect(hits(JSON.stringify(v1))).toBeGreaterThanOrEqual(12);
        const location = await target.fresh();
        const store = await target.open(location);
        const first = await importFile(store, { format: "tocsin", file, clock });
        expect(first.problems).toEqual([]);
        expect([first.fileError, first.read, first.imported, first.rejected]).toEqual([undefined, 2, 2, 0]);
        // The raw-row hash kept for the confidential row is keyed: hashing a guessed row does not confirm it.
        const sha1 = (text: string) => createHash("sha1").update(text).digest("base64");
        const [line1, line2] = readFileSync(file, "utf8").split("\n") as [string, string];
        const keys = await store.db.selectFrom("import_rows").select(["record_id", "row_hash"]).execute();
        const hashOf = new Map(keys.map((k) => [k.record_id, k.row_hash]));
        expect(hashOf.get("imp-open")).toBe(sha1(line1));
        expect(hashOf.get("imp-informant")).toMatch(/^[A-Za-z0-9+/]{43}=$/);
        expect(hashOf.get("imp-informant")).not.toBe(sha1(line2));
        // Re-importing the same file changes nothing (the import keys compare raw rows, not ciphertexts).
        const leaves = (await verifyLog(store.db)).leaves;
        const again = await importFile(store, { format: "tocsin", file, clock });
        expect([again.imported, again.updated, again.unchanged, again.written]).toEqual([0, 0, 2, false]);
        expect((await verifyLog(store.db)).leaves).toBe(leaves);
        // An update of the confidential source (same key, newer knownAt) is stored encrypted too.
        const { file: file2, source } = importFileWithConfidentialSource(dir, 2);
        const updated = await importFile(store, { format: "tocsin", file: file2, clock });
        expect([updated.imported, updated.updated, updated.unchanged, updated.rejected]).toEqual([
          0, 1, 1, 0,
        ]);
        expect((await verifyLog(store.db)).problems).toEqual([]);
        expect((await verifyLog(store.db)).problems).toEqual([]);

        // Positive controls: an entitled read and the dual-control reveal give back every planted value.
        const bundle = await readCase(store, "import-tocsin", { includeProtected: true });
        const stored = bundle?.records.source.find((s) => s.id === source.id);
        expect(stored).toMatchObject({
          title: source.title,
          author: source.author,
          url: source.url,
          notes: source.notes,
          licence: source.licence,
          attribution: source.attribution,
          citations: source.citations,
          protectedIdentity: source.protectedIdentity,
        });
        const shown = await readCase(store, "import-tocsin");
        expect(hits(JSON.stringify(shown))).toBe(0);
        const [sam, tom] = [handler("u-sam"), handler("u-tom")];
        const now = new Date("2031-05-01T10:00:00.000Z");
        const id = await requestReveal(
          store.db,
          sam,
          "import-tocsin",
          source.id,
          "court disclosure order 8",
          now,
        );
        await approveReveal(store.db, tom, id, now);
        expect(await revealIdentity(store.db, sam, id, TEST_FIELD_KEY, now)).toEqual(revealedFields(source));
        await store.close();

        const dump = t.name === "sqlite" ? sqliteDump(location) : await postgresDump(location);
        expect(dump.get("source_identities")).toContain("enc:v1:");
        expect(dump.get("sources")).toContain("Protected source");
        expect([...dump].filter(([, text]) => hits(text) > 0).map(([table]) => table)).toEqual([]);
        if (t.name === "sqlite")
          for (const f of [location, `${location}-wal`])
            if (existsSync(f)) expect([f, hits(readFileSync(f).toString("latin1"))]).toEqual([f, 0]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);

    it("refuses to import a confidential source without the field key, writing nothing", async () => {
      const { file, dir } = importFileWithConfidentialSource();
      const location = await target.fresh();
      const store = await openStore(location);
      try {
        const stamp = await target.writeStamp(location);
        let thrown: unknown;
        try {
          await importFile(store, { format: "tocsin", file, clock });
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(StoreError);
        expect(thrown).toMatchObject({ code: "STORE_UNSAFE" });
        expect((thrown as Error).message).toContain("line 2");
        expect(hits((thrown as Error).message)).toBe(0);
        expect(await target.writeStamp(location)).toBe(stamp);
        expect(await listCases(store)).toEqual([]);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("refuses to load a confidential source without the field key, writing nothing", async () => {
      const location = await target.fresh();
      const store = await openStore(location);
      try {
        const bundle = withCanaries(syntheticBundle());
        let thrown: unknown;
        try {
          await loadCase(store, bundle);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(StoreError);
        expect(thrown).toMatchObject({ code: "STORE_UNSAFE" });
        expect(hits((thrown as Error).message)).toBe(0);
        expect(await listCases(store)).toEqual([]);
        // A case without a confidential source needs no key.
        const open: CaseBundle = {
          ...bundle,
          manifest: { ...bundle.manifest, id: "xvl-open" },
          records: {
            ...bundle.records,
            source: bundle.records.source.filter((s) => !s.confidential),
            // Records citing the confidential source would fail the foreign key; keep those that do not.
            incident: [],
            warning: [],
          },
        };
        expect((await loadCase(store, open)).manifest).toBe("inserted");
      } finally {
        await store.close();
      }
    });
  });
}
