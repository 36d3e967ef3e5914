// Crash safety: `tocsin case load` of a large synthetic case is killed with SIGKILL at random moments. After
// each kill: `PRAGMA integrity_check` is ok, the log verifies, an acknowledged load (its report was printed)
// is entirely there, an unacknowledged one is entirely absent or entirely there (never half), and resuming
// (loading again) completes it without a duplicate; loading once more changes nothing.
// TOCSIN_CRASH_TRIALS sets the number of trials (default 20) and TOCSIN_CRASH_RECORDS the copies (default 1000).
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { readCaseFolder } from "../../src/casefiles/index.js";
import type { CaseBundle } from "../../src/domain/index.js";
import { loadCase, openStore } from "../../src/storage/index.js";
import {
  checkpointLog,
  encryptingCodec,
  installFieldKey,
  installLogKey,
  verifyLog,
} from "../../src/storage/trust/index.js";
import { CASE_ID, ROOT } from "../http/http-fixture.js";

const TRIALS = Number(process.env.TOCSIN_CRASH_TRIALS ?? 20);
const COPIES = Number(process.env.TOCSIN_CRASH_RECORDS ?? 1000);

/** Two versions of a big case: every copied incident's notes and the title differ between them. */
function writeVersion(dir: string, version: "A" | "B"): void {
  cpSync(join(ROOT, "cases", CASE_ID), dir, { recursive: true });
  const incidents = JSON.parse(readFileSync(join(dir, "incidents.json"), "utf8")) as Record<
    string,
    unknown
  >[];
  const out = [...incidents];
  for (let i = 0; i < COPIES; i += 1) {
    const base = incidents[i % incidents.length] as Record<string, unknown>;
    out.push({
      ...base,
      id: `${String(base.id)}-copy-${i}`,
      notes: `synthetic copy ${i}, version ${version}`,
    });
  }
  writeFileSync(join(dir, "incidents.json"), JSON.stringify(out));
  const manifest = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as Record<string, unknown>;
  writeFileSync(
    join(dir, "case.json"),
    JSON.stringify({ ...manifest, title: `crash test version ${version}` }),
  );
}

/** Run `tocsin case load` and SIGKILL it after `killAfterMs`; resolves with what it printed. */
function loadAndKill(
  caseDir: string,
  db: string,
  killAfterMs: number,
): Promise<{ acknowledged: boolean; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "app", "main.ts"), "case", "load", caseDir, "--db", db, "--json"],
      { cwd: ROOT, env: { ...process.env, TZ: "UTC", TOCSIN_DB: "" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", () => undefined);
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      // The report is printed only after the load's transaction committed: printed = acknowledged.
      resolve({ acknowledged: out.includes('"changed"'), killed: signal === "SIGKILL" });
    });
  });
}

function inspect(db: string): {
  integrity: string;
  title: string | undefined;
  a: number;
  b: number;
  incidents: number;
} {
  const raw = new BetterSqlite3(db, { readonly: true });
  try {
    const integrity = (raw.prepare("PRAGMA integrity_check").get() as { integrity_check: string })
      .integrity_check;
    const title = (raw.prepare("SELECT title FROM cases").get() as { title: string } | undefined)?.title;
    const n = (v: string) =>
      (
        raw
          .prepare("SELECT count(*) AS n FROM incidents WHERE json_extract(body, '$.notes') LIKE ?")
          .get(`%version ${v}`) as { n: number }
      ).n;
    const incidents = (raw.prepare("SELECT count(*) AS n FROM incidents").get() as { n: number }).n;
    return { integrity, title, a: n("A"), b: n("B"), incidents };
  } finally {
    raw.close();
  }
}

describe("kill -9 during a large case load", () => {
  it(`keeps the store consistent, verified and complete over ${TRIALS} random kills`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-crash-"));
    const dirs = { A: join(dir, "case-A"), B: join(dir, "case-B") };
    writeVersion(dirs.A, "A");
    writeVersion(dirs.B, "B");
    const bundles: Record<"A" | "B", CaseBundle> = { A: undefined as never, B: undefined as never };
    for (const v of ["A", "B"] as const) {
      const r = await readCaseFolder(dirs[v]);
      if (!r.ok) throw new Error(`synthetic case ${v} is invalid: ${JSON.stringify(r.problems.slice(0, 2))}`);
      bundles[v] = r.bundle;
    }
    const total = Object.values(bundles.A.records).reduce((n, l) => n + l.length, 0);
    const db = join(dir, "crash.db");
    // The install's keys exist before the first kill (a kill while creating them is not what this measures).
    const key = installFieldKey(db);
    const signer = installLogKey(db);
    const expectedIncidents = bundles.A.records.incident.length;

    // Calibrate: how long one full load that updates every copy takes. Kills land between 40% and 150% of
    // it: the first part is process start-up and validation, which writes nothing.
    expect((await loadAndKill(dirs.A, db, 120_000)).acknowledged).toBe(true);
    const t0 = Date.now();
    const full = await loadAndKill(dirs.B, db, 120_000);
    const fullMs = Date.now() - t0;
    expect(full.acknowledged).toBe(true);
    let current: "A" | "B" = "B";

    let seed = 20311;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const outcomes = { acknowledged: 0, rolledBack: 0, committedUnacknowledged: 0 };
    const problems: string[] = [];
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const next: "A" | "B" = current === "A" ? "B" : "A";
      const r = await loadAndKill(dirs[next], db, Math.floor(fullMs * (0.4 + random() * 1.1)));
      const s = inspect(db);
      if (s.integrity !== "ok") problems.push(`trial ${trial}: integrity_check ${s.integrity}`);
      // All of one version, never a mix.
      const whole = (v: "A" | "B") =>
        s.title === `crash test version ${v}` &&
        s[v === "A" ? "a" : "b"] === COPIES &&
        s.incidents === expectedIncidents;
      if (r.acknowledged && !whole(next))
        problems.push(`trial ${trial}: acknowledged load of ${next} is not all there`);
      if (!whole(next) && !whole(current)) problems.push(`trial ${trial}: store holds neither version whole`);
      if (r.acknowledged) outcomes.acknowledged += 1;
      else if (whole(next)) outcomes.committedUnacknowledged += 1;
      else outcomes.rolledBack += 1;
      const store = await openStore(db, { identityCodec: encryptingCodec(key) });
      try {
        const report = await verifyLog(store.db, signer);
        if (!report.ok) problems.push(`trial ${trial}: log: ${report.problems.map((p) => p.code).join(",")}`);
        // Resume: load the version the killed run was loading; then once more, which must change nothing.
        await loadCase(store, bundles[next]);
        const again = await loadCase(store, bundles[next]);
        if (again.changed) problems.push(`trial ${trial}: reloading changed something`);
        await checkpointLog(store.db, signer, signer.name);
        const after = await verifyLog(store.db, signer);
        if (!after.ok || after.warnings.length > 0)
          problems.push(`trial ${trial}: log after resume not clean`);
      } finally {
        await store.close();
      }
      const resumed = inspect(db);
      if (resumed.incidents !== expectedIncidents)
        problems.push(`trial ${trial}: ${resumed.incidents} incidents`);
      current = next;
    }
    console.info(
      `[crash] ${TRIALS} kills of a ${total}-record load (full run ${fullMs} ms): ${outcomes.acknowledged} acknowledged, ` +
        `${outcomes.committedUnacknowledged} committed before the report, ${outcomes.rolledBack} rolled back; ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
    // The kills must have hit both sides of the commit at least once to mean anything.
    expect(outcomes.rolledBack).toBeGreaterThan(0);
  }, 300_000);
});
