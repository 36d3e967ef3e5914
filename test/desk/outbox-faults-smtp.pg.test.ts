// Fault test on PostgreSQL (TOCSIN_TEST_PG), e-mail variant: 3 worker processes deliver warnings × 3 recipients
// to a real smtp-server on 127.0.0.1 that, from the first connection, answers 421 for half of a refusal window and
// then is shut (connections refused) for the other half before it accepts; meanwhile workers are killed with
// SIGKILL and restarted. Every (warning, recipient) arrives at least once, repeats only with the same Message-ID,
// nothing lost, no dead letter (the window is shorter than the workers' retry budget, see worker-process.ts).
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCase, type Store } from "../../src/storage/index.js";
import { syntheticBundle } from "../storage/fixtures.js";
import { postgresTarget, type StoreTarget } from "../storage/store-targets.js";
import { FAULT_RECIPIENTS, issueFaultWarnings, runWithKills } from "./fault-run.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[desk faults] TOCSIN_TEST_PG is unset: the PostgreSQL SMTP fault test is SKIPPED");

// The issue's size by default: 200 warnings × 3 = 600 e-mails (about 25 s for 180 on a quiet machine, 283 s for
// 600 at a load average of 20); TOCSIN_DESK_FAULT_SMTP_WARNINGS=60 runs a smaller one.
const WARNINGS = Number(process.env.TOCSIN_DESK_FAULT_SMTP_WARNINGS ?? 200);
const EXPECTED = WARNINGS * FAULT_RECIPIENTS.length;
const KILLS = 10;
/** Time allowed for the deliveries (more for a bigger run). */
const RUN_MS = Math.max(100_000, EXPECTED * 500);
/** The refusal window, from the first connection: 421 for the first half, refused connections for the second. */
const WINDOW_MS = Number(process.env.TOCSIN_DESK_FAULT_SMTP_WINDOW_MS ?? 6000);

interface Mail {
  readonly messageId: string;
  readonly delivery: string;
  readonly warning: string;
  readonly to: string;
}

describe.skipIf(!PG)("desk outbox on PostgreSQL under kill -9, the SMTP server refusing for a while", () => {
  let target: StoreTarget;
  let location: string;
  let store: Store;
  let smtp: SMTPServer | undefined;
  let port = 0;
  let firstConnect: number | undefined;
  let refused421 = 0;
  let reopened = false;
  let resets = 0;
  const serverErrors: string[] = [];
  const mails: Mail[] = [];

  /** The receiving server; `onConnect` answers 421 during the first half of the window. */
  function smtpServer(): SMTPServer {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onConnect(_session, callback) {
        if (firstConnect === undefined) {
          firstConnect = Date.now();
          scheduleClose();
        }
        if (Date.now() - firstConnect < WINDOW_MS / 2) {
          refused421 += 1;
          return callback(Object.assign(new Error("Try again later"), { responseCode: 421 }));
        }
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((m) => {
            const to = Array.isArray(m.to) ? m.to[0]?.text : m.to?.text;
            mails.push({
              messageId: m.messageId ?? "",
              delivery: String(m.headers.get("x-tocsin-delivery")),
              warning: String(m.headers.get("x-tocsin-warning")),
              to: to ?? "",
            });
            callback();
          })
          .catch(callback);
      },
    });
    // A worker killed mid-conversation resets its connection: expected here, counted, not a test failure.
    server.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ECONNRESET" || e.code === "EPIPE") resets += 1;
      else serverErrors.push(e.message);
    });
    return server;
  }
  /** At half the window, shut the server (connections refused); at its end, open a new one on the same port. */
  function scheduleClose(): void {
    setTimeout(() => {
      smtp?.close(() => undefined);
      setTimeout(() => {
        smtp = smtpServer();
        smtp.listen(port, "127.0.0.1", () => {
          reopened = true;
        });
      }, WINDOW_MS / 2);
    }, WINDOW_MS / 2);
  }

  beforeAll(async () => {
    target = postgresTarget(PG!);
    location = await target.fresh();
    store = await target.open(location);
    await loadCase(store, syntheticBundle());
    smtp = smtpServer();
    await new Promise<void>((resolve) => smtp!.listen(0, "127.0.0.1", resolve));
    port = (smtp.server.address() as AddressInfo).port;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await store?.close();
    await target?.cleanup();
  });

  it(
    `delivers ${EXPECTED} distinct e-mails (${WARNINGS} warnings × 3) through a ${WINDOW_MS / 1000} s refusal window and 10 kill -9, none lost, no dead letter`,
    async () => {
      const keys = await issueFaultWarnings(store, WARNINGS, "email", (r) => `${r}@example.org`);
      expect(keys.size).toBe(EXPECTED);
      const { kills, seconds } = await runWithKills({
        store,
        location,
        workerArgs: [`email:${port}`],
        expected: EXPECTED,
        kills: KILLS,
        received: () => mails.length,
        timeoutMs: RUN_MS,
      });
      const rows = await store.db
        .selectFrom("desk_deliveries")
        .select(["id", "state", "attempts", "warning_id", "recipient_id"])
        .execute();
      const byDelivery = new Map<string, Set<string>>();
      const byPair = new Map<string, Set<string>>();
      for (const m of mails) {
        byDelivery.set(m.delivery, (byDelivery.get(m.delivery) ?? new Set()).add(m.messageId));
        const pair = `${m.warning} → ${m.to}`;
        byPair.set(pair, (byPair.get(pair) ?? new Set()).add(m.messageId));
      }
      console.warn(
        `[desk faults smtp] ${kills} kills; ${refused421} connections answered 421, then refused for ${WINDOW_MS / 2000} s; ` +
          `${byDelivery.size} distinct e-mails, ${mails.length} received (${mails.length - byDelivery.size} repeats, ` +
          `same Message-ID), ${rows.filter((r) => Number(r.attempts) > 1).length} rows retried, ` +
          `max ${Math.max(...rows.map((r) => Number(r.attempts)))} attempts, ${resets} connections reset by kills, ` +
          `${seconds.toFixed(1)} s`,
      );
      expect(serverErrors).toEqual([]);
      expect(refused421).toBeGreaterThan(0);
      expect(reopened).toBe(true);
      expect(kills).toBe(KILLS);
      // Every (warning, recipient) once or more, each always with one Message-ID, derived from its key.
      expect(byDelivery.size).toBe(EXPECTED);
      expect(byPair.size).toBe(EXPECTED);
      expect([...byPair.values()].every((ids) => ids.size === 1)).toBe(true);
      for (const [key, ids] of byDelivery) {
        expect(keys.has(key)).toBe(true);
        expect([...ids]).toEqual([`<${key}@tocsin.example>`]);
      }
      expect(rows.filter((r) => r.state !== "delivered")).toEqual([]);
    },
    RUN_MS + 80_000,
  );
});
