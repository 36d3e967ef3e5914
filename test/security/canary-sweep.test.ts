// Source protection, end to end: unique strings planted in every protected field (name, contact, exactPlace,
// device, description) of every confidential source appear nowhere a caller without the right can look —
// every API route of the router (real ids, every record, both instance modes) as anonymous, viewer, analyst,
// admin and a source-handler who has not been through dual control; every CLI output (timeline, report
// md/html/json, replay, demo, case load, log verify/receipt, backup); the audit trail and the log; and the raw
// bytes of the SQLite files (encryption at rest). The reveal route, after a second handler's approval, is the
// one place they appear (proving the sweep would find them). Runs on SQLite and, with TOCSIN_TEST_PG, on
// PostgreSQL (its own schema per run): there the raw-file check becomes every row of every table of the schema
// read back as text, and `tocsin backup` (SQLite-only) is left out of the CLI sweep.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { setStoreKeySettings } from "../../src/cli/with-store.js";
import { RECORD_KINDS, type CaseBundle } from "../../src/domain/index.js";
import { getRecord, openStore } from "../../src/storage/index.js";
import type { Store } from "../../src/storage/index.js";
import {
  encryptingCodec,
  fieldKeyFileOf,
  installFieldKey,
  installLogKey,
  logKeyFileOf,
} from "../../src/storage/keys/index.js";
import { CASE_ID, ROOT, rwandaBundle, withCanary } from "../http/http-fixture.js";
import {
  freshPgSchema,
  noticePgSkipped,
  revealRequest,
  TRUST_DIALECTS,
  trustFixture,
  type RoleUnderTest,
  type TrustFixture,
} from "./trust-fixture.js";
import { runInProcess } from "../cli/run-in-process.js";

noticePgSkipped("canary-sweep");

const CANARY = `cnry${Math.random().toString(36).slice(2, 10)}x`;
const FIELDS = ["name", "contact", "place", "device", "description"] as const;

function hits(text: string | Buffer): number {
  const s = typeof text === "string" ? text : text.toString("latin1");
  return s.split(CANARY).length - 1;
}

/** PostgreSQL: every row of every table of the store's schema, as text (what a dump would hold). */
async function everyRowAsText(store: Store, url: string): Promise<{ tables: number; text: string }> {
  const schema = new URL(url).searchParams.get("schema") ?? "public";
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
    where table_schema = ${schema} order by table_name`.execute(store.db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const r = await sql<{
      t: string;
    }>`select t::text as t from ${sql.table(`${schema}.${table_name}`)} t`.execute(store.db);
    parts.push(...r.rows.map((row) => row.t));
  }
  return { tables: tables.rows.length, text: parts.join("\n") };
}

/** The first chunk of an event stream (which never ends by itself), then the stream is closed. */
async function firstChunk(res: Response): Promise<string> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

describe.each(TRUST_DIALECTS)("canary sweep on $dialect", ({ dialect, skip }) => {
  let f: TrustFixture;
  let bundle: CaseBundle;

  beforeAll(async () => {
    if (skip) return;
    bundle = withCanary(await rwandaBundle(), CANARY);
    f = await trustFixture(bundle, dialect);
  }, 120_000);
  afterAll(async () => f?.close());

  describe.skipIf(skip)("canary sweep over the API", () => {
    it("plants the canary in all five fields of every confidential source", () => {
      const confidential = bundle.records.source.filter((s) => s.confidential);
      expect(confidential.length).toBeGreaterThan(0);
      for (const s of confidential) expect(hits(JSON.stringify(s.protectedIdentity))).toBe(FIELDS.length);
    });

    it("finds 0 occurrences in every answer of every route, for every role without dual control", async () => {
      const leafCount = Number(
        (
          (await f.store.db
            .selectFrom("log_leaves" as never)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirst()) as { n: number } | undefined
        )?.n ?? 0,
      );
      const routes = [
        ...new Set(
          f
            .app("public")
            .routes.filter((r) => r.method === "GET")
            .map((r) => r.path),
        ),
      ];
      const urls = new Set<string>();
      for (const path of routes) {
        if (path === "/api/records/:kind/:id") {
          for (const kind of RECORD_KINDS)
            for (const r of bundle.records[kind]) urls.add(`/api/records/${kind}/${r.id}?case=${CASE_ID}`);
        } else if (path === "/api/records/:kind") {
          for (const kind of RECORD_KINDS) {
            urls.add(`/api/records/${kind}?limit=500`);
            urls.add(`/api/records/${kind}?case=${CASE_ID}&text=${CANARY}`);
            urls.add(`/api/records/${kind}?case=${CASE_ID}&text=informant`);
          }
        } else if (path.includes(":caseId")) {
          urls.add(path.replace(":caseId", CASE_ID));
          urls.add(`${path.replace(":caseId", CASE_ID)}?asOf=1994-04-30`);
        } else if (path === "/api/log/inclusion/:leaf") {
          for (let i = 0; i < leafCount; i += 1) urls.add(`/api/log/inclusion/${i}`);
        } else if (path === "/api/forecasts/:runId") {
          urls.add("/api/forecasts/no-such-run");
        } else if (path === "/assets/*") {
          for (const a of readdirSync(join(ROOT, "web", "dist", "assets"))) urls.add(`/assets/${a}`);
        } else {
          urls.add(path === "/api/log/consistency" ? `${path}?from=1&to=${leafCount}` : path);
        }
      }
      expect(urls.size).toBeGreaterThan(150);
      const roles: RoleUnderTest[] = ["anonymous", "viewer", "analyst", "admin", "source-handler"];
      let answers = 0;
      let ok = 0;
      const leaks: string[] = [];
      for (const mode of ["public", "private"] as const) {
        const app = f.app(mode);
        for (const role of roles) {
          const cookie = f.cookie[role];
          for (const url of urls) {
            const res = await app.request(url, cookie ? { headers: { Cookie: cookie } } : {});
            const text =
              url === "/api/events" && res.status === 200 ? await firstChunk(res) : await res.text();
            answers += 1;
            if (res.status === 200) ok += 1;
            if (hits(text) > 0) leaks.push(`${mode} ${role} ${url}`);
          }
        }
      }
      expect(leaks).toEqual([]);
      expect(ok).toBeGreaterThan(answers / 2);
      console.info(
        `[canary-sweep] ${dialect} API: ${answers} answers (${ok} × 200), ${leaks.length} with the canary`,
      );
    }, 480_000);

    it("finds 0 occurrences in the answers of every write route and in the event stream, for every role", async () => {
      const app = f.app("private");
      const confidential = bundle.records.source.find((s) => s.confidential)?.id ?? "";
      // Events a viewer would see while the writes happen.
      const events = await app.request("/api/events", { headers: { Cookie: f.cookie.viewer ?? "" } });
      const reader = (events.body as ReadableStream<Uint8Array>).getReader();
      const texts: { where: string; text: string }[] = [];
      let created = 0;
      let n = 0;
      for (const role of ["anonymous", "viewer", "analyst", "admin", "source-handler"] as RoleUnderTest[]) {
        const send = async (
          method: string,
          url: string,
          body?: unknown,
          headers: Record<string, string> = {},
        ) => {
          const cookie = f.cookie[role];
          const res = await app.request(url, {
            method,
            headers: {
              ...(cookie ? { Cookie: cookie } : {}),
              "Content-Type": "application/json",
              ...headers,
            },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          });
          const text = await res.text();
          texts.push({ where: `${role} ${method} ${url} ${res.status}`, text });
          return res.status;
        };
        const informant = (over: Record<string, unknown> = {}) => {
          const id = `src-cnry-${role}-${(n += 1)}`;
          return {
            id,
            kind: "informant",
            title: `${CANARY}-title`,
            reliability: "B",
            credibility: 2,
            confidential: true,
            protectedIdentity: {
              name: `${CANARY}-name`,
              contact: `${CANARY}-contact`,
              device: `${CANARY}-device`,
            },
            occurredAt: "2031-04-30",
            knownAt: "2031-05-01",
            citations: [{ source: id, locator: `${CANARY}-locator` }],
            ...over,
          };
        };
        const sources = `/api/cases/${CASE_ID}/records/sources`;
        if ((await send("POST", sources, informant())) === 201) created += 1;
        await send("POST", sources, informant({ citations: [] }));
        await send("POST", sources, informant({ reliability: `${CANARY}-grade`, occurredAt: `${CANARY}` }));
        await send("POST", sources, informant({ citations: [{ source: `${CANARY}x`, locator: "p" }] }));
        await send("PUT", `${sources}/${confidential}`, informant({ id: confidential }), {
          "If-Match": '"stale"',
        });
        await send("PUT", `${sources}/${confidential}`, informant({ id: confidential, credibility: 9 }));
        await send("DELETE", `${sources}/${confidential}`, undefined, { "If-Match": '"stale"' });
        await send("GET", `/api/cases/${CASE_ID}/check`);
      }
      const { value } = await Promise.race([
        reader.read(),
        new Promise<{ value: undefined }>((r) => setTimeout(() => r({ value: undefined }), 2000)),
      ]);
      await reader.cancel();
      texts.push({ where: "events", text: value ? new TextDecoder().decode(value) : "" });
      expect(created).toBe(1);
      expect(texts.filter((t) => hits(t.text) > 0).map((t) => t.where)).toEqual([]);
      console.info(`[canary-sweep] ${dialect} writes: ${texts.length} answers, 0 with the canary`);
    });

    it("the dual-control reveal is the one door: it shows all five fields (so the sweep can see a leak)", async () => {
      const app = f.app("public");
      const source = bundle.records.source.find((s) => s.confidential)?.id ?? "";
      const id = await revealRequest(f, f.principal["source-handler"], CASE_ID, source, f.secondHandler);
      const res = await app.request(`/api/reveal-requests/${id}/reveal`, {
        method: "POST",
        headers: { Cookie: f.cookie["source-handler"] ?? "" },
      });
      expect(res.status).toBe(200);
      expect(hits(await res.text())).toBe(FIELDS.length);
      // Used once: a second read is refused.
      const again = await app.request(`/api/reveal-requests/${id}/reveal`, {
        method: "POST",
        headers: { Cookie: f.cookie["source-handler"] ?? "" },
      });
      expect(again.status).toBe(403);
    });

    it("finds 0 occurrences in the audit trail, the log, and the stored bytes (encryption at rest)", async () => {
      const audit = (await f.store.db
        .selectFrom("audit_events" as never)
        .select("line" as never)
        .execute()) as { line: string }[];
      expect(audit.length).toBeGreaterThan(0);
      expect(hits(audit.map((a) => a.line).join("\n"))).toBe(0);
      const leaves = (await f.store.db
        .selectFrom("log_leaves" as never)
        .select("leaf_data" as never)
        .execute()) as { leaf_data: string }[];
      expect(hits(leaves.map((l) => l.leaf_data).join("\n"))).toBe(0);
      if (dialect === "sqlite") {
        for (const suffix of ["", "-wal", "-shm"]) {
          const file = `${f.dbPath}${suffix}`;
          if (existsSync(file)) expect([file, hits(readFileSync(file))]).toEqual([file, 0]);
        }
      } else {
        const { tables, text } = await everyRowAsText(f.store, f.dbPath);
        expect(tables).toBeGreaterThan(20);
        expect(text).toContain("enc:v1:");
        expect(hits(text)).toBe(0);
      }
      // And the values are really there, encrypted.
      const ids = (await f.store.db.selectFrom("source_identities").select("value").execute()) as {
        value: string;
      }[];
      expect(ids.length).toBeGreaterThanOrEqual(FIELDS.length);
      expect(ids.every((r) => r.value.startsWith("enc:v1:"))).toBe(true);
    });
  });

  describe.skipIf(skip)("canary sweep over the CLI", () => {
    it("finds 0 occurrences in any output or file of timeline, report, replay, demo, case load, log and backup", async () => {
      // A package root whose built-in case carries the canaries (so `demo` and `--case` load them too).
      const root = mkdtempSync(join(tmpdir(), "tocsin-cnry-cli-"));
      cpSync(join(ROOT, "cases", CASE_ID), join(root, "cases", CASE_ID), { recursive: true });
      symlinkSync(join(ROOT, "rulebook"), join(root, "rulebook"));
      const sourcesFile = join(root, "cases", CASE_ID, "sources.json");
      const sources = JSON.parse(readFileSync(sourcesFile, "utf8")) as { confidential?: boolean }[];
      const planted = sources.map((s) =>
        s.confidential
          ? {
              ...s,
              protectedIdentity: {
                name: `${CANARY}-name`,
                contact: `${CANARY}-contact`,
                exactPlace: `${CANARY}-place`,
                device: `${CANARY}-device`,
                description: `${CANARY}-description`,
              },
            }
          : s,
      );
      const { writeFileSync } = await import("node:fs");
      writeFileSync(sourcesFile, JSON.stringify(planted, null, 2));
      // The keys live under `root` for either store: beside the SQLite file, or named explicitly for PostgreSQL.
      const keyBase = join(root, "cli.db");
      const pg = dialect === "postgres" ? await freshPgSchema() : undefined;
      const db = pg?.url ?? keyBase;
      installFieldKey(keyBase);
      installLogKey(keyBase);
      const keyEnv = {
        TOCSIN_FIELD_KEY_FILE: fieldKeyFileOf(keyBase),
        TOCSIN_LOG_KEY_FILE: logKeyFileOf(keyBase),
      };
      setStoreKeySettings({
        fieldKeyFile: keyEnv.TOCSIN_FIELD_KEY_FILE,
        logKeyFile: keyEnv.TOCSIN_LOG_KEY_FILE,
      });
      const caseDir = join(root, "cases", CASE_ID);
      const outputs: { cmd: string; text: string }[] = [];
      const cli = async (...argv: string[]) => {
        const r = await runInProcess(argv, {
          defaultDb: db,
          packageRoot: root,
          env: keyEnv,
          today: "2031-06-01",
        });
        outputs.push({ cmd: argv.join(" "), text: r.stdout + r.stderr });
        return { rc: r.code, out: r.stdout };
      };
      expect((await cli("demo", "--no-serve", "--json", "--db", db)).rc).toBe(0);
      expect((await cli("demo", "--no-serve", "--db", db)).rc).toBe(0);
      const reload = await cli("case", "load", caseDir, "--db", db, "--json");
      expect(reload.rc).toBe(0);
      // Loading the same case again changes nothing (identities compared decrypted).
      expect(JSON.parse(reload.out)).toMatchObject({
        changed: false,
        totals: { inserted: 0, updated: 0, deleted: 0 },
      });
      expect((await cli("timeline", "--db", db, "--case", CASE_ID, "--json")).rc).toBe(0);
      expect((await cli("timeline", "--db", db, "--case", CASE_ID)).rc).toBe(0);
      expect((await cli("timeline", "--case-dir", caseDir, "--json")).rc).toBe(0);
      for (const format of ["md", "html", "json"]) {
        const file = join(root, `report.${format}`);
        expect((await cli("report", "--case-dir", caseDir, "--format", format)).rc).toBe(0);
        expect((await cli("report", "--case-dir", caseDir, "--format", format, "--out", file)).rc).toBe(0);
        outputs.push({ cmd: `file ${file}`, text: readFileSync(file, "utf8") });
      }
      expect((await cli("replay", "--case-dir", caseDir, "--json")).rc).toBe(0);
      expect((await cli("replay", "--case", CASE_ID)).rc).toBe(0);
      expect((await cli("log", "verify", "--db", db, "--json")).rc).toBe(0);
      const informant = planted.find((s) => (s as { confidential?: boolean }).confidential) as { id: string };
      expect((await cli("log", "receipt", informant.id, "--db", db)).rc).toBe(0);
      const backup = join(root, "backup.db");
      // `tocsin backup` is SQLite-only (pg_dump for PostgreSQL).
      if (dialect === "sqlite") expect((await cli("backup", "--db", db, "--out", backup)).rc).toBe(0);
      const leaks = outputs.filter((o) => hits(o.text) > 0).map((o) => o.cmd);
      expect(leaks).toEqual([]);
      // Positive control: the store the CLI wrote does hold the canaries, behind the install's field key.
      const store = await openStore(db, { identityCodec: encryptingCodec(installFieldKey(keyBase)) });
      try {
        // The store files and the backup (SQLite), or every stored row (PostgreSQL), hold only ciphertext.
        if (dialect === "sqlite") {
          for (const file of [db, `${db}-wal`, backup])
            if (existsSync(file)) expect([file, hits(readFileSync(file))]).toEqual([file, 0]);
        } else expect(hits((await everyRowAsText(store, db)).text)).toBe(0);
        const s = await getRecord(store, "source", informant.id, CASE_ID, { includeProtected: true });
        expect(hits(JSON.stringify(s))).toBe(FIELDS.length);
      } finally {
        await store.close();
        setStoreKeySettings({});
        await pg?.drop();
        rmSync(root, { recursive: true, force: true });
      }
      console.info(
        `[canary-sweep] ${dialect} CLI: ${outputs.length} outputs and files, ${leaks.length} with the canary`,
      );
    }, 180_000);
  });
});
