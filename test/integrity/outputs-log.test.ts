// Engine and forecast outputs are logged like records: saving alerts or a forecast run appends leaves in the
// same transaction, saving the same thing again writes and logs nothing, and `log verify` stays clean.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { signerFromSeed } from "../../src/integrity/signed-note.js";
import { listAlerts, openStore, saveAlerts, saveForecastRun } from "../../src/storage/index.js";
import { checkpointLog, verifyLog } from "../../src/storage/log/index.js";

const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 5));
const alert = (date: string) => ({
  date,
  situation: "sit-1",
  level: "warning",
  previousLevel: "watch",
  payload: { rule: "r1" },
});

describe("logging of outputs", () => {
  it("logs alerts and forecast runs, idempotently, and names a tampered alert", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tocsin-outlog-")), "o.db");
    const store = await openStore(path);
    const leaves = async () => (await verifyLog(store.db, signer)).leaves;
    expect(await leaves()).toBe(0);
    await saveAlerts(store, "c1", "run-1", [alert("1994-01-01"), alert("1994-02-01"), alert("1994-03-01")]);
    expect(await leaves()).toBe(3);
    await saveAlerts(store, "c1", "run-1", [alert("1994-01-01"), alert("1994-02-01"), alert("1994-03-01")]);
    expect(await leaves()).toBe(3);
    // Replaced by two: seq 2 is deleted (one leaf), seq 0 and 1 are written again (two leaves).
    await saveAlerts(store, "c1", "run-1", [alert("1994-01-02"), alert("1994-02-02")]);
    expect(await leaves()).toBe(6);
    expect((await listAlerts(store, "c1")).map((a) => a.date)).toEqual(["1994-01-02", "1994-02-02"]);
    await saveAlerts(store, "c1", "run-2", []);
    expect(await leaves()).toBe(6);
    const run = {
      id: "fr-1",
      kind: "forecast" as const,
      dataSha256: "ab".repeat(32),
      model: "glmnet",
      modelVersion: "1",
      params: { alpha: 1 },
      payload: { rows: [] },
      createdAt: "2031-05-01T00:00:00.000Z",
    };
    await saveForecastRun(store, run);
    await saveForecastRun(store, run);
    expect(await leaves()).toBe(7);
    await saveForecastRun(store, { ...run, payload: { rows: [1] } });
    expect(await leaves()).toBe(8);
    await checkpointLog(store.db, signer, signer.name);
    const clean = await verifyLog(store.db, signer);
    expect([clean.problems, clean.warnings]).toEqual([[], []]);
    await store.close();

    const raw = new BetterSqlite3(path);
    raw.prepare("UPDATE alerts SET level = 'none' WHERE seq = 0").run();
    raw.prepare("UPDATE forecast_runs SET payload = '{}'").run();
    raw.close();
    const again = await openStore(path);
    const report = await verifyLog(again.db, signer);
    await again.close();
    expect(report.problems.map((p) => `${p.code} ${p.item}`).sort()).toEqual([
      "ROW_CHANGED alerts:c1/run-1/0",
      "ROW_CHANGED forecast_runs:fr-1",
    ]);
  });
});
