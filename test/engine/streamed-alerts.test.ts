// Alerts streamed out of a replay (`onAlert`, set aside on disk, read back and stored a batch at a time) are the
// alerts the replay collects in memory: same alerts, same levels, same order, and the same stored run; a stored
// run whose alerts fail part-way leaves the run saved before untouched. SQLite and (with TOCSIN_TEST_PG)
// PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import type { Alert } from "../../src/engine/index.js";
import { AlertSpool } from "../../src/cli/alert-spool.js";
import { replayStoredCase } from "../../src/cli/stored-replay.js";
import {
  listAlerts,
  loadCase,
  saveAlerts,
  saveAlertStream,
  type AlertInput,
} from "../../src/storage/index.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { caseAt, packageLexicon, packageRulebook } from "./engine-cases.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[engine/streamed-alerts] TOCSIN_TEST_PG is unset: the PostgreSQL half is SKIPPED");
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];

afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

const input = (a: Alert): AlertInput => ({
  date: a.date,
  situation: a.situation.id,
  level: a.level,
  previousLevel: a.previousLevel,
  payload: a,
});

async function* inputs(alerts: AsyncIterable<Alert>): AsyncGenerator<AlertInput> {
  for await (const a of alerts) yield input(a);
}

describe.each(targets)("alerts streamed out of a replay, $name", (target) => {
  it("are the alerts collected in memory, and store the same run", async () => {
    const [rulebook, lexicon, bundle] = await Promise.all([
      packageRulebook(),
      packageLexicon(),
      caseAt("cases/rwanda-1990-1994"),
    ]);
    const store = await target.open(await target.fresh());
    const spool = new AlertSpool();
    const big = new AlertSpool();
    try {
      await loadCase(store, bundle);
      const id = bundle.manifest.id;
      const collected = await replayStoredCase(store, id, rulebook, { step: "week", lexicon });
      const streamed = await replayStoredCase(store, id, rulebook, {
        step: "week",
        lexicon,
        onAlert: (a) => spool.add(a),
      });
      const inMemory = collected!.result.alerts;
      expect(inMemory.length).toBeGreaterThan(0);
      // Nothing is kept by the streamed run; everything else it answers is the same.
      expect(streamed!.result.alerts).toEqual([]);
      expect(streamed!.alertCount).toBe(inMemory.length);
      expect(collected!.alertCount).toBe(inMemory.length);
      expect({ ...streamed!.result, alerts: null }).toEqual({ ...collected!.result, alerts: null });
      const back: Alert[] = [];
      for await (const a of spool.alerts()) back.push(a);
      // Read back from disk: the same alerts, in the same order (JSON drops only undefined fields).
      expect(back).toEqual(JSON.parse(JSON.stringify(inMemory)));
      expect(back.map((a) => [a.date, a.situation.id, a.level])).toEqual(
        inMemory.map((a) => [a.date, a.situation.id, a.level]),
      );

      await saveAlerts(store, id, "in-memory", inMemory.map(input));
      // Batches of 100: a run of more than one batch.
      const many = Array.from({ length: 250 }, (_, i) => inMemory[i % inMemory.length] as Alert);
      for (const a of many) big.add(a);
      expect(await saveAlertStream(store, id, "streamed", big.count, () => inputs(big.alerts()))).toBe(
        many.length,
      );
      const strip = (rows: Awaited<ReturnType<typeof listAlerts>>) =>
        rows.sort((x, y) => x.seq - y.seq).map(({ runId: _r, ...rest }) => rest);
      const stored = strip(await listAlerts(store, id, { runId: "streamed" }));
      expect(stored.map((r) => r.seq)).toEqual(many.map((_, i) => i));
      expect(stored.slice(0, inMemory.length)).toEqual(
        strip(await listAlerts(store, id, { runId: "in-memory" })),
      );
    } finally {
      spool.remove();
      big.remove();
      await store.close();
    }
  }, 180_000);

  it("writes nothing when the alerts fail part-way or are fewer than counted", async () => {
    const store = await target.open(await target.fresh());
    try {
      const bundle = await caseAt("cases/rwanda-1990-1994");
      await loadCase(store, bundle);
      const id = bundle.manifest.id;
      const a: AlertInput = {
        date: "1994-01-01",
        situation: "XX/g",
        level: "high",
        previousLevel: "none",
        payload: { n: 1 },
      };
      expect(await saveAlerts(store, id, "r", [a])).toBe(1);
      async function* failing(): AsyncGenerator<AlertInput> {
        for (let i = 0; i < 150; i += 1) yield { ...a, payload: { n: i } };
        throw new Error("the spool could not be read");
      }
      await expect(saveAlertStream(store, id, "r", 300, failing)).rejects.toThrow(/save alerts of run r/);
      expect(await listAlerts(store, id, { runId: "r" })).toMatchObject([{ seq: 0, payload: { n: 1 } }]);
      // A count that does not match what is read is refused as well, with nothing written.
      async function* one(): AsyncGenerator<AlertInput> {
        yield { ...a, level: "ongoing" };
      }
      await expect(saveAlertStream(store, id, "r", 2, one)).rejects.toThrow(/1 alert\(s\) read, 2 expected/);
      expect((await listAlerts(store, id, { runId: "r" })).map((x) => x.level)).toEqual(["high"]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
