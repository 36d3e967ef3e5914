// The storage contract: every test runs against a fresh SQLite file and a fresh PostgreSQL schema
// (TOCSIN_TEST_PG), with no mocks.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { asOf, emptyRecords, RECORD_KINDS, toTimeline, type CaseBundle } from "../../src/domain/index.js";
import {
  getForecastRun,
  getForecastRunResult,
  getRecord,
  appendLiveAlerts,
  listAlerts,
  listLiveAlerts,
  LIVE_RUN,
  listCases,
  listForecastRuns,
  listRecords,
  loadCase,
  deleteCase,
  MIGRATIONS,
  migrateStore,
  openStore,
  redactLocation,
  readCase,
  saveAlerts,
  saveForecastRun,
  StoreError,
  timeline,
  type Store,
} from "../../src/storage/index.js";
import { CANARY, informant, syntheticBundle, withoutProtected } from "./fixtures.js";
import { openTestStore, postgresTarget, sqliteTarget, type StoreTarget } from "./store-targets.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[store.contract] TOCSIN_TEST_PG is unset: the PostgreSQL half of the storage contract is SKIPPED",
  );

const targets: { name: string; make: () => StoreTarget; skip: boolean }[] = [
  { name: "sqlite", make: sqliteTarget, skip: false },
  { name: "postgres", make: () => postgresTarget(PG ?? ""), skip: !PG },
];

/** Every table's rows as text, for "the store is exactly as before" and canary sweeps. */
async function dumpTables(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = [
    "cases",
    "actors",
    "protected_groups",
    "sources",
    "source_identities",
    "incidents",
    "incident_acts",
    "reports",
    "warnings",
    "responses",
    "commitments",
    "mandates",
    "capabilities",
    "statements",
    "tribunals",
    "tribunal_cases",
    "citations",
    "record_refs",
    "alerts",
    "forecast_runs",
  ];
  for (const t of tables) {
    const r = await sql.raw<Record<string, unknown>>(`select * from ${t}`).execute(store.db);
    out[t] = JSON.stringify(r.rows.map((row) => JSON.stringify(row)).sort());
  }
  return out;
}

for (const t of targets) {
  describe.skipIf(t.skip)(`store contract: ${t.name}`, () => {
    const target = t.make();
    const open: Store[] = [];
    const fresh = async (): Promise<{ store: Store; location: string }> => {
      const location = await target.fresh();
      const store = await target.open(location);
      open.push(store);
      return { store, location };
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });
    afterAll(async () => {
      await target.cleanup();
    });

    it("runs migrations on open, and running them again applies nothing", async () => {
      const { store, location } = await fresh();
      expect(store.dialect).toBe(t.name);
      const again = await migrateStore(store);
      expect(again.applied).toEqual([]);
      const reopened = await target.open(location);
      open.push(reopened);
      const done = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        reopened.db,
      );
      expect(done.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await listCases(reopened)).toEqual([]);
    });

    it("loads a synthetic case with every kind, and reads it back deep-equal (without protected identity)", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      const report = await loadCase(store, bundle, { loadedAt: "2040-01-01T00:00:00.000Z" });
      expect(report.manifest).toBe("inserted");
      expect(report.changed).toBe(true);
      for (const kind of RECORD_KINDS) {
        expect(report.byKind[kind], kind).toEqual({
          inserted: bundle.records[kind].length,
          updated: 0,
          unchanged: 0,
          deleted: 0,
        });
      }
      expect(report.totals).toEqual({ inserted: 18, updated: 0, unchanged: 0, deleted: 0 });
      expect(await readCase(store, "xvl-test")).toEqual(withoutProtected(bundle));
      expect(await readCase(store, "xvl-test", { includeProtected: true })).toEqual(bundle);
      expect(await listCases(store)).toEqual([
        {
          id: "xvl-test",
          title: bundle.manifest.title,
          loadedAt: "2040-01-01T00:00:00.000Z",
          manifest: bundle.manifest,
        },
      ]);
    });

    it("a missing case reads as undefined and an empty case round-trips", async () => {
      const { store } = await fresh();
      expect(await readCase(store, "nope")).toBeUndefined();
      const empty: CaseBundle = {
        manifest: { ...syntheticBundle().manifest, id: "empty" },
        records: emptyRecords(),
      };
      const report = await loadCase(store, empty);
      expect(report.totals).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 0 });
      expect(await readCase(store, "empty")).toEqual(empty);
    });

    it("loading the same case twice writes nothing the second time and reports everything unchanged", async () => {
      const { store, location } = await fresh();
      const bundle = syntheticBundle();
      await loadCase(store, bundle, { loadedAt: "2040-01-01T00:00:00.000Z" });
      const before = await target.writeStamp(location);
      const second = await loadCase(store, syntheticBundle(), { loadedAt: "2041-01-01T00:00:00.000Z" });
      expect(await target.writeStamp(location)).toBe(before);
      expect(second.changed).toBe(false);
      expect(second.manifest).toBe("unchanged");
      for (const kind of RECORD_KINDS) {
        expect(second.byKind[kind], kind).toEqual({
          inserted: 0,
          updated: 0,
          unchanged: bundle.records[kind].length,
          deleted: 0,
        });
      }
      expect(second.totals).toEqual({ inserted: 0, updated: 0, unchanged: 18, deleted: 0 });
      expect((await listCases(store))[0]?.loadedAt).toBe("2040-01-01T00:00:00.000Z");
    });

    it("loading a changed case inserts, updates and deletes exactly what changed", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      await loadCase(store, bundle);
      const r = bundle.records;
      const changed: CaseBundle = {
        manifest: { ...bundle.manifest, title: "Xavalia (revised)" },
        records: {
          ...r,
          incident: r.incident.map((i) =>
            i.id === "inc-massacre" ? { ...i, summary: "Massacre at the Blue market (revised)" } : i,
          ),
          statement: [
            ...r.statement,
            {
              ...r.statement[0]!,
              id: "st-later",
              summary: "A later denial",
              occurredAt: { from: "2031-03-01", to: "2031-03-01", precision: "day" },
              knownAt: "2031-03-01",
            },
          ],
          commitment: [],
          source: r.source.map((s) =>
            s.id === informant.id
              ? { ...s, protectedIdentity: { name: CANARY.name, exactPlace: "CANARY-PLACE" } }
              : s,
          ),
        },
      };
      const report = await loadCase(store, changed);
      expect(report.manifest).toBe("updated");
      expect(report.byKind.incident).toEqual({ inserted: 0, updated: 1, unchanged: 1, deleted: 0 });
      expect(report.byKind.statement).toEqual({ inserted: 1, updated: 0, unchanged: 1, deleted: 0 });
      expect(report.byKind.commitment).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 1 });
      expect(report.byKind.source).toEqual({ inserted: 0, updated: 1, unchanged: 1, deleted: 0 });
      expect(report.byKind.actor).toEqual({ inserted: 0, updated: 0, unchanged: 4, deleted: 0 });
      expect(report.totals).toEqual({ inserted: 1, updated: 2, unchanged: 15, deleted: 1 });
      expect(await readCase(store, "xvl-test", { includeProtected: true })).toEqual(changed);
      const refs = await sql<{
        n: number;
      }>`select count(*) as n from record_refs where record_kind = 'commitment'`.execute(store.db);
      expect(Number(refs.rows[0]?.n)).toBe(0);
      const ids = await sql<{ field: string }>`select field from source_identities order by field`.execute(
        store.db,
      );
      // The identity, and the sealed fields of the confidential source (its title and its own citations).
      expect(ids.rows.map((x) => x.field)).toEqual([
        "exactPlace",
        "name",
        "source.citations",
        "source.title",
      ]);
      // And back: the original case again restores it exactly.
      const back = await loadCase(store, bundle);
      expect(back.totals).toEqual({ inserted: 1, updated: 2, unchanged: 15, deleted: 1 });
      expect(await readCase(store, "xvl-test", { includeProtected: true })).toEqual(bundle);
    });

    it("a load that violates a constraint writes nothing: on an empty store and over a loaded case", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      const bad = (b: CaseBundle): CaseBundle => ({
        manifest: { ...b.manifest, title: "must not be stored" },
        records: {
          ...b.records,
          statement: [...b.records.statement, { ...b.records.statement[0]!, id: "st-new" }],
          incident: b.records.incident.map((i, n) =>
            n === 0 ? { ...i, citations: [{ source: "src-missing", locator: "x" }] } : i,
          ),
        },
      });
      const empty = await dumpTables(store);
      const err1 = await loadCase(store, bad(bundle)).catch((e: unknown) => e);
      expect(err1).toBeInstanceOf(StoreError);
      expect((err1 as StoreError).code).toBe("STORE_WRITE_FAILED");
      expect((err1 as StoreError).message).toContain("xvl-test");
      expect(await dumpTables(store)).toEqual(empty);

      await loadCase(store, bundle, { loadedAt: "2040-01-01T00:00:00.000Z" });
      const loaded = await dumpTables(store);
      const err2 = await loadCase(store, bad(bundle)).catch((e: unknown) => e);
      expect((err2 as StoreError).code).toBe("STORE_WRITE_FAILED");
      expect(await dumpTables(store)).toEqual(loaded);
      // A duplicate id is a constraint violation too.
      const dup: CaseBundle = {
        ...bundle,
        records: { ...bundle.records, actor: [...bundle.records.actor, bundle.records.actor[0]!] },
      };
      expect(((await loadCase(store, dup).catch((e: unknown) => e)) as StoreError).code).toBe(
        "STORE_WRITE_FAILED",
      );
      expect(await dumpTables(store)).toEqual(loaded);
    });

    it("calls afterWrite inside the transaction with the changes, only when something changed; its failure rolls back", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      const calls: { manifest: string; changed: Record<string, [number, number, number]> }[] = [];
      const afterWrite = async (
        _trx: unknown,
        _caseId: string,
        manifest: string,
        changes: readonly {
          kind: string;
          insert: readonly unknown[];
          update: readonly unknown[];
          remove: readonly unknown[];
        }[],
      ) => {
        const changed: Record<string, [number, number, number]> = {};
        for (const c of changes)
          if (c.insert.length + c.update.length + c.remove.length > 0)
            changed[c.kind] = [c.insert.length, c.update.length, c.remove.length];
        calls.push({ manifest, changed });
      };
      await loadCase(store, bundle, { afterWrite });
      await loadCase(store, bundle, { afterWrite });
      expect(calls).toHaveLength(1);
      expect(calls[0]?.manifest).toBe("inserted");
      expect(calls[0]?.changed.actor).toEqual([4, 0, 0]);
      const before = await dumpTables(store);
      const changed = { ...bundle, records: { ...bundle.records, commitment: [] } };
      const err = await loadCase(store, changed, {
        afterWrite: async () => {
          throw new Error("log unavailable");
        },
      }).catch((e: unknown) => e);
      expect((err as StoreError).code).toBe("STORE_WRITE_FAILED");
      expect((err as StoreError).message).toContain("log unavailable");
      expect(await dumpTables(store)).toEqual(before);
    });

    it("never stores a protected identity in the clear, and never returns it by default", async () => {
      const { store } = await fresh();
      await loadCase(store, syntheticBundle());
      const tables = await dumpTables(store);
      for (const [table, text] of Object.entries(tables)) {
        const leaks = text.includes(CANARY.name) || text.includes(CANARY.contact);
        expect(leaks, table).toBe(false);
      }
      const body = await sql<{ body: string }>`select body from sources where id = ${informant.id}`.execute(
        store.db,
      );
      expect(JSON.parse(body.rows[0]!.body)).not.toHaveProperty("protectedIdentity");

      const reads = [
        await readCase(store, "xvl-test"),
        await getRecord(store, "source", informant.id),
        await listRecords(store, { kind: "source", limit: 10, offset: 0 }),
        await timeline(store, "xvl-test"),
      ];
      for (const r of reads) expect(JSON.stringify(r)).not.toContain("CANARY");
      expect(await getRecord(store, "source", informant.id, "xvl-test", { includeProtected: true })).toEqual(
        informant,
      );
      const page = await listRecords(store, { kind: "source", limit: 10, offset: 0, includeProtected: true });
      expect(page.items.find((s) => s.id === informant.id)).toEqual(informant);
    });

    it("passes protected identities through the store's identity codec on every write and read", async () => {
      const location = await target.fresh();
      // A reversible stand-in for encryption: what matters here is where encode and decode are applied.
      const flip = (v: string) => [...v].reverse().join("");
      const codec = {
        encode: (rows: readonly { case_id: string; source_id: string; field: string; value: string }[]) =>
          rows.map((r) => ({ ...r, value: `enc:${flip(r.value)}` })),
        decode: (rows: readonly { case_id: string; source_id: string; field: string; value: string }[]) =>
          rows.map((r) => ({ ...r, value: r.value.startsWith("enc:") ? flip(r.value.slice(4)) : r.value })),
      };
      const store = await target.open(location, { identityCodec: codec });
      open.push(store);
      const bundle = syntheticBundle();
      await loadCase(store, bundle);
      const raw = await dumpTables(store);
      expect(Object.values(raw).some((t) => t.includes(CANARY.name))).toBe(false);
      expect(raw.source_identities).toContain(`enc:${flip(CANARY.name)}`);
      expect(await readCase(store, "xvl-test", { includeProtected: true })).toEqual(bundle);
      expect(await getRecord(store, "source", informant.id, undefined, { includeProtected: true })).toEqual(
        informant,
      );
      expect((await loadCase(store, bundle)).changed).toBe(false);
    });

    it("reads as of a day: only what was known by then", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      await loadCase(store, bundle);
      for (const day of ["2029-12-31", "2031-01-11", "2040-01-01"]) {
        expect(await readCase(store, "xvl-test", { asOf: day }), day).toEqual(
          withoutProtected(asOf(bundle, day)),
        );
      }
      const known = await readCase(store, "xvl-test", { asOf: "2031-01-11" });
      expect(known?.records.warning.map((w) => w.id)).toEqual(["warn-cable"]);
      expect(known?.records.incident).toEqual([]);
    });

    it("lists records by actor, date window and text, with exact totals and pages", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      await loadCase(store, bundle);
      await loadCase(store, { ...bundle, manifest: { ...bundle.manifest, id: "xvl-copy" } });
      const ids = (p: { items: readonly { id: string }[] }) => p.items.map((x) => x.id);
      const q = { caseId: "xvl-test", limit: 50, offset: 0 } as const;

      const byRed = await listRecords(store, { ...q, kind: "incident", actor: "mil-red" });
      expect(byRed.total).toBe(2);
      expect(ids(byRed)).toEqual(["inc-training", "inc-massacre"]);
      expect(ids(await listRecords(store, { ...q, kind: "incident", actor: "gov-xvl" }))).toEqual([
        "inc-massacre",
      ]);
      expect(ids(await listRecords(store, { ...q, kind: "warning", actor: "gov-xvl" }))).toEqual([
        "warn-cable",
      ]);
      expect(ids(await listRecords(store, { ...q, kind: "warning", actor: "un-hq" }))).toEqual([
        "warn-cable",
      ]);
      expect(ids(await listRecords(store, { ...q, kind: "response", actor: "un-mission" }))).toEqual([]);
      expect(ids(await listRecords(store, { ...q, kind: "actor", actor: "gov-xvl" }))).toEqual([
        "gov-xvl",
        "mil-red",
      ]);
      expect(ids(await listRecords(store, { ...q, kind: "tribunalCase", actor: "mil-red" }))).toEqual([
        "tc-leader",
      ]);

      expect(ids(await listRecords(store, { ...q, kind: "incident", from: "2031-02-15" }))).toEqual([
        "inc-massacre",
      ]);
      expect(ids(await listRecords(store, { ...q, kind: "incident", to: "2031-01-15" }))).toEqual([
        "inc-training",
      ]);
      expect(
        ids(await listRecords(store, { ...q, kind: "incident", from: "2031-01-31", to: "2031-02-01" })),
      ).toEqual(["inc-training", "inc-massacre"]);
      expect(
        ids(await listRecords(store, { ...q, kind: "incident", from: "2031-03-01", to: "2031-12-31" })),
      ).toEqual([]);

      expect(ids(await listRecords(store, { ...q, kind: "incident", text: "BLUE market" }))).toEqual([
        "inc-massacre",
      ]);
      expect(ids(await listRecords(store, { ...q, kind: "actor", text: "xavalia" }))).toEqual([
        "gov-xvl",
        "un-mission",
        "mil-red",
      ]);
      expect((await listRecords(store, { ...q, kind: "actor", text: "%" })).total).toBe(0);
      expect((await listRecords(store, { ...q, kind: "actor", text: "_" })).total).toBe(0);
      expect(ids(await listRecords(store, { ...q, kind: "source", text: "protected" }))).toEqual([
        "src-informant",
      ]);

      const page1 = await listRecords(store, { ...q, kind: "actor", limit: 2, offset: 0 });
      const page2 = await listRecords(store, { ...q, kind: "actor", limit: 2, offset: 2 });
      const page3 = await listRecords(store, { ...q, kind: "actor", limit: 2, offset: 4 });
      expect([page1.total, page2.total, page3.total]).toEqual([4, 4, 4]);
      expect(ids(page1)).toEqual(["un-hq", "gov-xvl"]);
      expect(ids(page2)).toEqual(["un-mission", "mil-red"]);
      expect(ids(page3)).toEqual([]);

      const both = await listRecords(store, { kind: "incident", actor: "gov-xvl", limit: 50, offset: 0 });
      expect(both.total).toBe(2);
      expect(ids(both)).toEqual(["inc-massacre", "inc-massacre"]);
      expect(await listRecords(store, { kind: "incident", caseId: "missing", limit: 5, offset: 0 })).toEqual({
        total: 0,
        items: [],
      });
      expect((await listRecords(store, { ...q, kind: "incident", limit: 1, offset: 0 })).items).toEqual([
        bundle.records.incident.find((i) => i.id === "inc-training"),
      ]);
    });

    it("gets one record by kind and id", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      await loadCase(store, bundle);
      expect(await getRecord(store, "warning", "warn-cable")).toEqual(bundle.records.warning[0]);
      expect(await getRecord(store, "warning", "warn-cable", "xvl-test")).toEqual(bundle.records.warning[0]);
      expect(await getRecord(store, "warning", "warn-cable", "other")).toBeUndefined();
      expect(await getRecord(store, "incident", "warn-cable")).toBeUndefined();
    });

    it("builds the timeline in time order, the same as the domain's toTimeline", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      await loadCase(store, bundle);
      const all = await timeline(store, "xvl-test");
      expect(all.map((e) => e.id)).toEqual([
        "un-hq",
        "gov-xvl",
        "grp-blue",
        "un-mission",
        "man-1",
        "mil-red",
        "inc-training",
        "src-informant",
        "warn-cable",
        "resp-refusal",
        "com-threat",
        "inc-massacre",
        "cap-brigade",
        "st-denial",
        "src-report",
        "rep-inquiry",
        "trib-xvl",
        "tc-leader",
      ]);
      // The same as the domain's timeline of what a default read returns (a confidential source's own
      // citations are sealed with its identity).
      expect(all).toEqual(toTimeline(withoutProtected(bundle)));
      const jan = await timeline(store, "xvl-test", { from: "2031-01-01", to: "2031-01-31" });
      expect(jan).toEqual(toTimeline(withoutProtected(bundle), { from: "2031-01-01", to: "2031-01-31" }));
      expect(jan.map((e) => e.id)).toEqual([
        "inc-training",
        "src-informant",
        "warn-cable",
        "resp-refusal",
        "com-threat",
      ]);
      const warning = jan.find((e) => e.id === "warn-cable");
      expect(warning).toEqual({
        kind: "warning",
        id: "warn-cable",
        occurredAt: { from: "2031-01-11", to: "2031-01-11", precision: "day" },
        knownAt: "2031-01-11",
        actors: ["un-mission", "un-hq", "gov-xvl"],
        summary: "Arms caches and extermination lists",
        citations: [{ source: "src-informant", locator: "cable 7" }],
      });
      expect(jan.find((e) => e.id === "src-informant")?.summary).toBe("Protected source");
      expect(await timeline(store, "missing")).toEqual([]);
    });

    it("keeps engine alerts per run, replacing a run saved again", async () => {
      const { store } = await fresh();
      expect(await listAlerts(store, "xvl-test")).toEqual([]);
      const a = {
        date: "2031-01-12",
        situation: "XVL",
        level: "high",
        previousLevel: "elevated",
        payload: { score: 0.8, rules: ["r1"] },
      };
      const b = {
        date: "2031-01-05",
        situation: "XVL",
        level: "elevated",
        previousLevel: "low",
        payload: null,
      };
      expect(await saveAlerts(store, "xvl-test", "run-1", [a, b])).toBe(2);
      expect(await saveAlerts(store, "xvl-test", "run-2", [a])).toBe(1);
      const listed = await listAlerts(store, "xvl-test");
      expect(listed.map((x) => [x.runId, x.date, x.seq])).toEqual([
        ["run-1", "2031-01-05", 1],
        ["run-1", "2031-01-12", 0],
        ["run-2", "2031-01-12", 0],
      ]);
      expect(listed[1]).toEqual({ caseId: "xvl-test", runId: "run-1", seq: 0, ...a });
      await saveAlerts(store, "xvl-test", "run-1", [b]);
      expect((await listAlerts(store, "xvl-test", { runId: "run-1" })).map((x) => x.level)).toEqual([
        "elevated",
      ]);
      expect(await listAlerts(store, "other")).toEqual([]);
    });

    it("lists live alerts in the order stored, each with the time and actor of its log entry", async () => {
      const { store } = await fresh();
      expect(await listLiveAlerts(store, "xvl-test")).toEqual([]);
      const rise = {
        date: "2031-01-05",
        situation: "XVL",
        level: "elevated",
        previousLevel: "none",
        payload: {},
      };
      const higher = {
        date: "2031-01-06",
        situation: "XVL",
        level: "high",
        previousLevel: "elevated",
        payload: null,
      };
      await appendLiveAlerts(store, "xvl-test", [rise], "live-assessor", "2031-01-05T08:00:00.000Z");
      await appendLiveAlerts(store, "xvl-test", [higher], "live-assessor", "2031-01-06T09:30:00.000Z");
      // Another run of the same case is not a live alert.
      await saveAlerts(store, "xvl-test", "run-1", [higher]);
      const listed = await listLiveAlerts(store, "xvl-test");
      expect(listed.map((x) => [x.runId, x.seq, x.level, x.raisedAt, x.raisedBy])).toEqual([
        [LIVE_RUN, 0, "elevated", "2031-01-05T08:00:00.000Z", "live-assessor"],
        [LIVE_RUN, 1, "high", "2031-01-06T09:30:00.000Z", "live-assessor"],
      ]);
      expect(await listLiveAlerts(store, "other")).toEqual([]);
    });

    it("keeps forecast and backtest runs", async () => {
      const { store } = await fresh();
      expect(await getForecastRun(store, "nope")).toBeUndefined();
      const f1 = {
        id: "f1",
        kind: "forecast" as const,
        dataSha256: "ab".repeat(32),
        model: "elastic-net",
        modelVersion: "1",
        params: { alpha: 0.5 },
        payload: { p: [0.1, 0.25] },
        createdAt: "2040-01-01T00:00:00Z",
      };
      const b1 = {
        ...f1,
        id: "b1",
        kind: "backtest" as const,
        createdAt: "2040-01-02T00:00:00Z",
        payload: { auc: 0.75 },
      };
      await saveForecastRun(store, f1);
      await saveForecastRun(store, b1);
      expect(await getForecastRun(store, "f1")).toEqual(f1);
      expect((await listForecastRuns(store)).map((r) => r.id)).toEqual(["b1", "f1"]);
      expect(await listForecastRuns(store, { kind: "forecast" })).toEqual([
        {
          id: "f1",
          kind: "forecast",
          dataSha256: f1.dataSha256,
          model: "elastic-net",
          modelVersion: "1",
          createdAt: f1.createdAt,
        },
      ]);
      const { params: _params, ...withoutParams } = f1;
      expect(await getForecastRunResult(store, "f1")).toEqual(withoutParams);
      expect(await getForecastRunResult(store, "nope")).toBeUndefined();
      await saveForecastRun(store, { ...f1, payload: { p: [0.3] } });
      expect((await getForecastRun(store, "f1"))?.payload).toEqual({ p: [0.3] });
      expect(await listForecastRuns(store)).toHaveLength(2);
    });

    it("deletes a case and everything derived from it, leaving other cases alone", async () => {
      const { store } = await fresh();
      const bundle = syntheticBundle();
      await loadCase(store, bundle);
      await loadCase(store, { ...bundle, manifest: { ...bundle.manifest, id: "xvl-copy" } });
      expect(await deleteCase(store, "xvl-copy")).toBe(true);
      expect(await deleteCase(store, "xvl-copy")).toBe(false);
      expect((await listCases(store)).map((c) => c.id)).toEqual(["xvl-test"]);
      for (const table of ["citations", "record_refs", "incident_acts", "source_identities", "actors"]) {
        const r = await sql<{
          n: number;
        }>`select count(*) as n from ${sql.table(table)} where case_id = 'xvl-copy'`.execute(store.db);
        expect(Number(r.rows[0]?.n), table).toBe(0);
      }
      expect(await readCase(store, "xvl-test", { includeProtected: true })).toEqual(bundle);
    });

    it("a read-only store reads but refuses writes with STORE_READONLY", async () => {
      const { store, location } = await fresh();
      await loadCase(store, syntheticBundle());
      const ro = await target.open(location, { readonly: true });
      open.push(ro);
      expect(ro.readonly).toBe(true);
      expect((await readCase(ro, "xvl-test"))?.records.actor).toHaveLength(4);
      const err = await loadCase(ro, {
        ...syntheticBundle(),
        manifest: { ...syntheticBundle().manifest, id: "new" },
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe("STORE_READONLY");
    });
  });
}

describe("store errors on open", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), "tocsin-store-err-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const failure = async (p: Promise<unknown>): Promise<StoreError> => {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  };

  it("a file of garbage bytes is STORE_CORRUPT, naming the path", async () => {
    const file = path.join(tempDir(), "garbage.db");
    writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256)));
    const e = await failure(openStore(file));
    expect(e.code).toBe("STORE_CORRUPT");
    expect(e.message).toContain(file);
    expect(e.message).toContain("not a database");
  });

  it("a database another connection holds an exclusive lock on is STORE_LOCKED", async () => {
    const file = path.join(tempDir(), "locked.db");
    await (await openStore(file)).close();
    const holder = new BetterSqlite3(file);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      const e = await failure(openStore(file, { busyTimeoutMs: 50 }));
      expect(e.code).toBe("STORE_LOCKED");
      expect(e.message).toContain(file);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const after = await openStore(file);
    expect(after.dialect).toBe("sqlite");
    await after.close();
  });

  it("a missing folder is STORE_UNREACHABLE; a read-only open of a missing file too", async () => {
    const dir = tempDir();
    const e1 = await failure(openStore(path.join(dir, "no", "such", "x.db")));
    expect(e1.code).toBe("STORE_UNREACHABLE");
    expect(e1.message).toContain(path.join(dir, "no", "such", "x.db"));
    const e2 = await failure(openStore(path.join(dir, "absent.db"), { readonly: true }));
    expect(e2.code).toBe("STORE_UNREACHABLE");
  });

  it("a fresh SQLite store runs in WAL with synchronous=FULL and foreign keys on", async () => {
    const file = path.join(tempDir(), "durable.db");
    const store = await openTestStore(file);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
    expect([mode.rows[0]?.journal_mode, sync.rows[0]?.synchronous, fk.rows[0]?.foreign_keys]).toEqual([
      "wal",
      2,
      1,
    ]);
    await loadCase(store, syntheticBundle());
    const copy = path.join(tempDir(), "copy.db");
    await store.backup(copy);
    await store.close();
    const restored = await openStore(copy, { readonly: true });
    expect(await readCase(restored, "xvl-test")).toEqual(withoutProtected(syntheticBundle()));
    await restored.close();
  });

  it("an in-memory SQLite store works for scratch use", async () => {
    const store = await openTestStore(":memory:");
    await loadCase(store, syntheticBundle());
    expect((await listCases(store)).map((c) => c.id)).toEqual(["xvl-test"]);
    await store.close();
  });

  it("an unreachable PostgreSQL is STORE_UNREACHABLE and the password never shows", async () => {
    const e = await failure(openStore("postgres://tocsin:Sup3rSecret@127.0.0.1:1/nodb"));
    expect(e.code).toBe("STORE_UNREACHABLE");
    expect(e.message).toContain("127.0.0.1:1/nodb");
    expect(e.message).not.toContain("Sup3rSecret");
    expect(String(e.stack)).not.toContain("Sup3rSecret");
  });

  it.skipIf(!PG)(
    "a PostgreSQL table locked by another session is STORE_LOCKED after the lock timeout",
    async () => {
      const target = postgresTarget(PG ?? "");
      const location = await target.fresh();
      const store = await openStore(location, { busyTimeoutMs: 100 });
      const holder = new pg.Client({ connectionString: PG });
      await holder.connect();
      try {
        const schema = new URL(location).searchParams.get("schema");
        await holder.query("begin");
        await holder.query(`lock table ${schema}.cases in access exclusive mode`);
        const e = await failure(loadCase(store, syntheticBundle()));
        expect(e.code).toBe("STORE_LOCKED");
        expect(e.message).toContain("xvl-test");
      } finally {
        await holder.query("rollback");
        await holder.end();
        await store.close();
        await target.cleanup();
      }
    },
  );

  it("prints PostgreSQL locations without their password", () => {
    expect(redactLocation("postgresql://u:p%40ss@h:5432/db?schema=s1&password=x")).toBe(
      "postgresql://u:***@h:5432/db?schema=s1",
    );
    expect(redactLocation("./tocsin.db")).toBe("./tocsin.db");
  });
});

const CASE_READER = new URL("../../src/casefiles/read-case-folder.ts", import.meta.url);
const RWANDA = fileURLToPath(new URL("../../cases/rwanda-1990-1994", import.meta.url));

describe("the built-in Rwanda case", () => {
  // Skipped only while the case-folder reader (another part of the foundation) does not exist yet.
  it.skipIf(!existsSync(CASE_READER) || !existsSync(RWANDA))(
    "loads twice into SQLite: the second load changes nothing",
    async () => {
      const mod = (await import(CASE_READER.href)) as {
        readCaseFolder(
          dir: string,
        ): Promise<{ ok: true; bundle: CaseBundle } | { ok: false; problems: unknown[] }>;
      };
      const read = await mod.readCaseFolder(RWANDA);
      if (!read.ok)
        throw new Error(`the built-in case does not validate: ${JSON.stringify(read.problems.slice(0, 3))}`);
      const dir = mkdtempSync(path.join(tmpdir(), "tocsin-rwanda-"));
      try {
        const store = await openTestStore(path.join(dir, "rwanda.db"));
        const first = await loadCase(store, read.bundle);
        const total = RECORD_KINDS.reduce((n, k) => n + read.bundle.records[k].length, 0);
        expect(first.totals).toEqual({ inserted: total, updated: 0, unchanged: 0, deleted: 0 });
        const second = await loadCase(store, read.bundle);
        expect(second.changed).toBe(false);
        expect(second.totals).toEqual({ inserted: 0, updated: 0, unchanged: total, deleted: 0 });
        expect(await timeline(store, read.bundle.manifest.id)).toEqual(
          toTimeline(withoutProtected(read.bundle)),
        );
        const stored = await readCase(store, read.bundle.manifest.id, { includeProtected: true });
        expect(stored?.records.warning).toHaveLength(read.bundle.records.warning.length);
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
