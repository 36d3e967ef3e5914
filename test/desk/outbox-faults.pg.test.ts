// Fault test on PostgreSQL (TOCSIN_TEST_PG): 3 worker processes share the outbox of 200 warnings × 3 recipients
// while workers are killed with SIGKILL and restarted; every delivery arrives at least once, duplicates only with
// the same idempotency key, 600 distinct deliveries, none lost. The SMTP variant is outbox-faults-smtp.pg.test.ts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCase, type Store } from "../../src/storage/index.js";
import { syntheticBundle } from "../storage/fixtures.js";
import { postgresTarget, type StoreTarget } from "../storage/store-targets.js";
import { FAULT_RECIPIENTS, issueFaultWarnings, runWithKills } from "./fault-run.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[desk faults] TOCSIN_TEST_PG is unset: the PostgreSQL fault test is SKIPPED");

// 200 by default (the issue's figure); TOCSIN_DESK_FAULT_WARNINGS runs a smaller one on a slow machine.
const WARNINGS = Number(process.env.TOCSIN_DESK_FAULT_WARNINGS ?? 200);
const EXPECTED = WARNINGS * FAULT_RECIPIENTS.length;
const KILLS = 10;

describe.skipIf(!PG)("desk outbox on PostgreSQL under kill -9", () => {
  let target: StoreTarget;
  let location: string;
  let store: Store;
  let sink: Server;
  let sinkUrl: string;
  const received: string[] = [];

  beforeAll(async () => {
    target = postgresTarget(PG!);
    location = await target.fresh();
    store = await target.open(location);
    await loadCase(store, syntheticBundle());
    sink = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        // A little latency, so kills land mid-delivery.
        setTimeout(() => {
          received.push(String(req.headers["idempotency-key"]));
          res.statusCode = 200;
          res.end();
        }, 3);
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
    sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => sink?.close(() => resolve()));
    await store?.close();
    await target?.cleanup();
  });

  it(`delivers ${EXPECTED} distinct webhook deliveries (${WARNINGS} warnings × 3), none lost, with 3 workers and 10 kill -9`, async () => {
    const keys = await issueFaultWarnings(store, WARNINGS, "webhook", (r) => `${sinkUrl}/${r}`);
    expect(keys.size).toBe(EXPECTED);
    const { kills, seconds } = await runWithKills({
      store,
      location,
      workerArgs: ["webhook"],
      expected: EXPECTED,
      kills: KILLS,
      received: () => received.length,
      timeoutMs: 150_000,
    });
    const distinct = new Set(received);
    const rows = await store.db.selectFrom("desk_deliveries").select(["id", "state", "attempts"]).execute();
    const duplicates = received.length - distinct.size;
    console.warn(
      `[desk faults] ${kills} kills; ${distinct.size} distinct deliveries, ${received.length} received ` +
        `(${duplicates} duplicates, same keys), ${rows.filter((r) => Number(r.attempts) > 1).length} rows retried, ` +
        `${seconds.toFixed(1)} s`,
    );
    expect(kills).toBe(KILLS);
    expect(distinct.size).toBe(EXPECTED);
    expect([...distinct].every((k) => keys.has(k))).toBe(true);
    expect(rows.every((r) => r.state === "delivered")).toBe(true);
  }, 240_000);
});
