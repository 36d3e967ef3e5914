// The fault tests' shared run: worker processes on a PostgreSQL store, killed with SIGKILL and restarted as the
// deliveries arrive, until the outbox is drained (or time runs out).
import { spawn, type ChildProcess } from "node:child_process";
import { issueWarning, systemClock } from "../../src/desk/index.js";
import type { Store } from "../../src/storage/index.js";
import { addContactPoint } from "../../src/storage/desk/index.js";
import { CASE_ID, DESK_KEY } from "./desk-fixture.js";

export const FAULT_RECIPIENTS = ["gov-xvl", "un-hq", "un-mission"];

/**
 * Give each recipient one contact point (`address(recipient)`) and issue `warnings` warnings to all of them.
 * @returns the idempotency keys of the queued deliveries.
 */
export async function issueFaultWarnings(
  store: Store,
  warnings: number,
  channel: "webhook" | "email",
  address: (recipient: string) => string,
): Promise<Set<string>> {
  for (const r of FAULT_RECIPIENTS)
    await addContactPoint(
      store,
      { caseId: CASE_ID, actorId: r, channel, address: address(r), language: "en" },
      new Date().toISOString(),
    );
  const keys = new Set<string>();
  for (let i = 0; i < warnings; i++) {
    const r = await issueWarning(
      {
        caseId: CASE_ID,
        id: `w-fault-${i}`,
        sender: "un-hq",
        recipients: FAULT_RECIPIENTS,
        summary: `Fault test warning ${i}`,
      },
      { store, clock: systemClock, deskKey: DESK_KEY, actor: "test" },
    );
    for (const d of r!.deliveries) keys.add(d.key);
  }
  return keys;
}

/** How many rows of the outbox are delivered. */
export async function deliveredCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("desk_deliveries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("state", "=", "delivered")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface KillRunOptions {
  readonly store: Store;
  readonly location: string;
  /** Extra arguments of `test/desk/worker-process.ts` after the location (the channel). */
  readonly workerArgs: readonly string[];
  readonly expected: number;
  readonly kills: number;
  /** How many deliveries the far end has received so far (kills are spread over them). */
  readonly received: () => number;
  readonly timeoutMs: number;
}

/**
 * Run 3 workers; each time another 1/(kills + 2) of the deliveries arrived, kill a random worker that has run for
 * over a second (SIGKILL) and start a new one; stop when every kill was made and every row is delivered.
 * @returns the kills made and the seconds taken.
 */
export async function runWithKills(o: KillRunOptions): Promise<{ kills: number; seconds: number }> {
  const started = Date.now();
  const spawnWorker = (): ChildProcess =>
    spawn(process.execPath, ["--import", "tsx", "test/desk/worker-process.ts", o.location, ...o.workerArgs], {
      stdio: ["ignore", "ignore", "ignore"],
    });
  const workers: ChildProcess[] = [spawnWorker(), spawnWorker(), spawnWorker()];
  const bornAt = workers.map(() => Date.now());
  let kills = 0;
  try {
    while (Date.now() - started < o.timeoutMs) {
      await new Promise((r) => setTimeout(r, 100));
      const i = Math.floor(Math.random() * workers.length);
      if (
        kills < o.kills &&
        o.received() >= ((kills + 1) * o.expected) / (o.kills + 2) &&
        Date.now() - bornAt[i]! > 1000
      ) {
        workers[i]!.kill("SIGKILL");
        kills += 1;
        workers[i] = spawnWorker();
        bornAt[i] = Date.now();
      }
      if (kills >= o.kills && (await deliveredCount(o.store)) === o.expected) break;
    }
  } finally {
    for (const w of workers) w.kill("SIGKILL");
  }
  return { kills, seconds: (Date.now() - started) / 1000 };
}
