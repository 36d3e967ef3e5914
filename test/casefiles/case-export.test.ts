// `tocsin case export` round trip (issue 15 item 5), on a real store — SQLite and, with TOCSIN_TEST_PG,
// PostgreSQL: the built-in case and a live case written through the write API (a confidential source by a
// source-handler, a backdated incident, an update and a soft delete) are exported, the folders validate, load
// into a fresh store with the same records, and export again to the same bytes; protected fields never reach a
// file; a non-empty folder is refused without --force; a hand-edited broken reference is named by file and field.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCaseFolder } from "../../src/casefiles/index.js";
import { setStoreKeySettings, storeKeySettings } from "../../src/cli/with-store.js";
import { PROTECTED_SOURCE_LABEL, type CaseBundle } from "../../src/domain/index.js";
import { openStore, readCase, type Store } from "../../src/storage/index.js";
import { CASE_ID, rwandaBundle, withCanary } from "../http/http-fixture.js";
import {
  noticePgSkipped,
  TEST_PG,
  TRUST_DIALECTS,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "../security/trust-fixture.js";
import { postgresTarget, type StoreTarget } from "../storage/store-targets.js";
import { runInProcess } from "../cli/run-in-process.js";

noticePgSkipped("case-export");

const CANARY = `cnry${Math.random().toString(36).slice(2, 10)}x`;
const LIVE = "export-live";

/** Every file of a folder (sub-folders included) by relative path, as text. */
async function filesOf(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = join(e.parentPath, e.name);
    out.set(relative(dir, full), await readFile(full, "utf8"));
  }
  return out;
}

/** What the store shows of a case after its export is loaded: citations to a confidential source lose their locator. */
function exportedView(bundle: CaseBundle): CaseBundle {
  const confidential = new Set(bundle.records.source.filter((s) => s.confidential).map((s) => s.id));
  const records = Object.fromEntries(
    Object.entries(bundle.records).map(([kind, list]) => [
      kind,
      (list as { citations: { source: string; locator: string }[] }[]).map((r) => ({
        ...r,
        citations: r.citations.map((c) =>
          confidential.has(c.source) ? { ...c, locator: PROTECTED_SOURCE_LABEL } : c,
        ),
      })),
    ]),
  );
  return { ...bundle, records: records as unknown as CaseBundle["records"] };
}

describe.each(TRUST_DIALECTS)("case export on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let app: ReturnType<TrustFixture["app"]>;
  const targets: StoreTarget[] = [];
  const keysBefore = storeKeySettings();
  let freshCount = 0;

  async function call(role: RoleUnderTest, method: string, url: string, body?: unknown, headers = {}) {
    const res = await app.request(url, {
      method,
      headers: {
        Cookie: f.cookie[role] ?? "",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  /** A new empty store: a SQLite file in the fixture's folder, or a new PostgreSQL schema. */
  async function freshStore(): Promise<string> {
    freshCount += 1;
    if (dialect === "sqlite") return join(f.dir, `fresh-${freshCount}.db`);
    const target = postgresTarget(TEST_PG as string);
    targets.push(target);
    return target.fresh();
  }

  const cli = (...args: string[]) => runInProcess(args);
  const exportTo = (id: string, dir: string, db: string, ...more: string[]) =>
    cli("case", "export", id, dir, "--db", db, ...more);

  async function withOpened<T>(location: string, fn: (s: Store) => Promise<T>): Promise<T> {
    const s = await openStore(location);
    try {
      return await fn(s);
    } finally {
      await s.close();
    }
  }

  const cite = [{ source: "src-live-b2", locator: "p. 3" }];
  const incident = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    summary: "Members of the group are killed in an organised attack.",
    acts: ["killing"],
    place: { country: "XVL" },
    perpetrators: ["act-live-militia"],
    targetGroup: "grp-live",
    fatalities: { best: 12 },
    organised: "documented",
    stateInvolvement: "alleged",
    occurredAt: "2031-04-30",
    citations: cite,
    ...extra,
  });

  beforeAll(async () => {
    if (skip) return;
    f = await trustFixture(withCanary(await rwandaBundle(), CANARY), dialect);
    app = f.app("private");
    // The CLI's key folder for the fresh stores it loads into (never the working directory or $HOME).
    setStoreKeySettings({ keysDir: join(f.dir, "cli-keys") });
    const base = `/api/cases/${LIVE}/records`;
    const ok = async (p: Promise<{ status: number; json: Record<string, unknown> }>) => {
      const r = await p;
      expect([r.status, r.json.problems]).toEqual([expect.any(Number), undefined]);
      expect(r.status).toBeLessThan(300);
      return r;
    };
    await ok(
      call("analyst", "POST", "/api/cases", {
        id: LIVE,
        name: "Live export desk",
        period: { start: "2031-01-01", end: null },
        countries: ["XVL"],
      }),
    );
    await ok(
      call("analyst", "POST", `${base}/sources`, {
        id: "src-live-b2",
        kind: "report",
        title: "Field report (fictional)",
        reliability: "B",
        credibility: 2,
        occurredAt: "2031-04-30",
        citations: [{ source: "src-live-b2", locator: "cover" }],
      }),
    );
    await ok(
      call("source-handler", "POST", `${base}/sources`, {
        id: "src-live-informant",
        kind: "informant",
        title: `Informant ${CANARY}-title`,
        reliability: "C",
        credibility: 3,
        confidential: true,
        protectedIdentity: { name: `${CANARY}-name`, contact: `${CANARY}-contact` },
        occurredAt: "2031-04-30",
        citations: [{ source: "src-live-b2", locator: `${CANARY}-own-locator` }],
        notes: `${CANARY}-notes`,
      }),
    );
    await ok(
      call("analyst", "POST", `${base}/actors`, {
        id: "act-live-militia",
        kind: "militia",
        name: "Fictional militia",
        occurredAt: "2031-04-30",
        citations: cite,
      }),
    );
    await ok(
      call("analyst", "POST", `${base}/groups`, {
        id: "grp-live",
        name: "Fictional group",
        kind: "ethnical",
        countries: ["XVL"],
        occurredAt: "2031-04-30",
        citations: cite,
      }),
    );
    const first = await ok(call("analyst", "POST", `${base}/incidents`, incident("inc-live-1")));
    await ok(
      call(
        "analyst",
        "POST",
        `${base}/incidents`,
        incident("inc-live-2", {
          occurredAt: "2031-03-01",
          knownAt: "2031-03-02",
          citations: [...cite, { source: "src-live-informant", locator: `${CANARY}-cited-locator` }],
          backfillReason: "field notes typed up late",
        }),
      ),
    );
    const gone = await ok(call("analyst", "POST", `${base}/incidents`, incident("inc-live-3")));
    await ok(
      call("analyst", "PUT", `${base}/incidents/inc-live-1`, incident("inc-live-1", { notes: "revised" }), {
        "If-Match": `"${first.json.version as string}"`,
      }),
    );
    await ok(
      call("analyst", "DELETE", `${base}/incidents/inc-live-3`, undefined, {
        "If-Match": `"${gone.json.version as string}"`,
      }),
    );
  }, 180_000);

  afterAll(async () => {
    setStoreKeySettings(keysBefore);
    for (const t of targets) await t.cleanup();
    await f?.close();
  });

  describe.skipIf(skip)("round trip", () => {
    it.each([CASE_ID, LIVE])(
      "exports %s to a folder that validates, reloads to the same records and re-exports to the same bytes",
      async (id) => {
        const dir = join(f.dir, `out-${id}`);
        const first = await exportTo(id, dir, f.dbPath);
        expect([first.code, first.stderr]).toEqual([0, ""]);
        const read = await readCaseFolder(dir);
        expect(read.ok ? [] : read.problems).toEqual([]);
        const files = await filesOf(dir);
        for (const [name, text] of files) expect([name, text.includes(CANARY)]).toEqual([name, false]);

        // Exporting the same store again gives the same bytes.
        const again = join(f.dir, `again-${id}`);
        expect((await exportTo(id, again, f.dbPath)).code).toBe(0);
        expect(await filesOf(again)).toEqual(files);

        // Loaded into an empty store: the same records as stored (the view anyone may see).
        const fresh = await freshStore();
        const loaded = await cli("case", "load", dir, "--db", fresh);
        expect([loaded.code, loaded.stderr]).toEqual([0, ""]);
        const original = await readCase(f.store, id);
        const reloaded = await withOpened(fresh, (s) => readCase(s, id));
        expect(original).toBeDefined();
        expect(reloaded).toEqual(exportedView(original as CaseBundle));

        // And the reloaded store (backfill marks re-created by the load) exports to the very same files.
        const round = join(f.dir, `round-${id}`);
        expect((await exportTo(id, round, fresh)).code).toBe(0);
        expect(await filesOf(round)).toEqual(files);
        // Loading the same folder again changes nothing.
        const reload = await cli("case", "load", dir, "--db", fresh);
        expect(reload.stdout).toContain("0 inserted, 0 updated");
      },
      120_000,
    );

    it("keeps the API's records, knownAt and backfill marks; drops the soft-deleted; keeps a confidential source's handle only", async () => {
      const dir = join(f.dir, "out-live-detail");
      expect((await exportTo(LIVE, dir, f.dbPath)).code).toBe(0);
      const files = await filesOf(dir);
      const incidents = JSON.parse(files.get("incidents.json") ?? "[]") as Record<string, unknown>[];
      expect(incidents.map((r) => r.id)).toEqual(["inc-live-1", "inc-live-2"]);
      expect(incidents[0]).toMatchObject({
        knownAt: "2031-05-01",
        notes: "revised",
        occurredAt: "2031-04-30",
      });
      expect(incidents[1]).toMatchObject({ knownAt: "2031-03-02", occurredAt: "2031-03-01" });
      expect(incidents[1]?.citations).toContainEqual({
        source: "src-live-informant",
        locator: PROTECTED_SOURCE_LABEL,
      });
      // The marks come back with a load of the folder (entered by the load).
      const fresh = await freshStore();
      expect((await cli("case", "load", dir, "--db", fresh)).code).toBe(0);
      const restored = await withOpened(fresh, (s) =>
        s.db.selectFrom("record_backfills").select(["record_id", "reason", "entered_at"]).execute(),
      );
      expect(restored).toEqual([
        {
          record_id: "inc-live-2",
          reason: "field notes typed up late",
          entered_at: "2031-05-01T10:00:00.000Z",
        },
      ]);
      expect(JSON.parse(files.get("provenance/backfills.json") ?? "[]")).toEqual([
        {
          kind: "incident",
          id: "inc-live-2",
          reason: "field notes typed up late",
          enteredAt: "2031-05-01T10:00:00.000Z",
        },
      ]);
      const sources = JSON.parse(files.get("sources.json") ?? "[]") as Record<string, unknown>[];
      expect(sources.find((s) => s.id === "src-live-informant")).toEqual({
        id: "src-live-informant",
        citations: [{ source: "src-live-informant", locator: PROTECTED_SOURCE_LABEL }],
        confidential: true,
        credibility: 3,
        kind: "informant",
        knownAt: "2031-05-01",
        occurredAt: "2031-04-30",
        reliability: "C",
        title: PROTECTED_SOURCE_LABEL,
      });
      // Keys in a fixed order: id first, then sorted.
      expect(Object.keys(incidents[0] ?? {})[0]).toBe("id");
    });
  });

  describe.skipIf(skip)("refusals", () => {
    it("refuses a non-empty folder without --force (exit 2, untouched) and replaces a case folder with it", async () => {
      const dir = join(f.dir, "busy");
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "keep.txt"), "mine\n");
      const refused = await exportTo(LIVE, dir, f.dbPath);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/not empty.*--force.*nothing was written/s);
      expect([...(await filesOf(dir)).keys()]).toEqual(["keep.txt"]);
      // --force replaces only a folder that holds a case.
      expect((await exportTo(LIVE, dir, f.dbPath, "--force")).code).toBe(2);
      expect([...(await filesOf(dir)).keys()]).toEqual(["keep.txt"]);

      const caseDir = join(f.dir, "replace-me");
      expect((await exportTo(CASE_ID, caseDir, f.dbPath)).code).toBe(0);
      expect((await exportTo(LIVE, caseDir, f.dbPath)).code).toBe(2);
      const forced = await exportTo(LIVE, caseDir, f.dbPath, "--force");
      expect(forced.code).toBe(0);
      const read = await readCaseFolder(caseDir);
      expect(read.ok && read.bundle.manifest.id).toBe(LIVE);
      // No temporary folder is left beside the target.
      expect(
        (await readdir(f.dir)).filter((n) => n.includes(".export-") || n.includes(".replaced-")),
      ).toEqual([]);
    });

    it("an unknown case is exit 2 and writes nothing", async () => {
      const dir = join(f.dir, "nothing");
      const r = await exportTo("no-such-case", dir, f.dbPath);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no case with id "no-such-case"');
      await expect(readdir(dir)).rejects.toThrow();
    });

    it("a hand-edited export with a broken reference fails naming the file and the field", async () => {
      const dir = join(f.dir, "edited");
      expect((await exportTo(LIVE, dir, f.dbPath)).code).toBe(0);
      const file = join(dir, "incidents.json");
      await writeFile(file, (await readFile(file, "utf8")).replace('"act-live-militia"', '"act-nobody"'));
      const checked = await cli("case", "validate", dir);
      expect(checked.code).toBe(2);
      expect(checked.stdout).toMatch(/incidents\.json:\d+ \[inc-live-1\] perpetrators\[0\]: .*act-nobody/);
      const load = await cli("case", "load", dir, "--db", await freshStore());
      expect(load.code).toBe(2);
      expect(load.stderr).toMatch(/incidents\.json:\d+ \[inc-live-1\] perpetrators\[0\]/);

      // A backfill mark naming no record of the case is named by its file and field too; nothing is loaded.
      const marked = join(f.dir, "edited-marks");
      expect((await exportTo(LIVE, marked, f.dbPath)).code).toBe(0);
      const marks = join(marked, "provenance", "backfills.json");
      await writeFile(marks, (await readFile(marks, "utf8")).replace('"inc-live-2"', '"inc-live-9"'));
      const badMarks = await cli("case", "validate", marked);
      expect(badMarks.code).toBe(2);
      expect(badMarks.stdout).toMatch(
        /provenance\/backfills\.json:\d+ \[0\]\.id: no incident with id "inc-live-9"/,
      );
      const target = await freshStore();
      expect((await cli("case", "load", marked, "--db", target)).code).toBe(2);
      expect(await withOpened(target, (s) => readCase(s, LIVE))).toBeUndefined();
    });
  });
});
