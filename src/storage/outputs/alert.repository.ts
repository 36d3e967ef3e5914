/**
 * Alerts raised by engine runs, stored per case and run with their JSON payload. Saving a run again replaces
 * that run's alerts (one transaction), so re-running is idempotent; a run too large to hold is saved from a
 * stream of its alerts, a batch at a time.
 * @module
 */
import type { Transaction } from "kysely";
import type { Database } from "../database.js";
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import { canonicalJson } from "../records/canonical-json.js";
import { appendToLog } from "../log/log-append.js";
import type { AlertRow } from "./alert.table.js";

/** An alert as the engine hands it over. */
export interface AlertInput {
  readonly date: string;
  readonly situation: string;
  readonly level: string;
  readonly previousLevel: string;
  readonly payload: unknown;
}

/** A stored alert. */
export interface StoredAlert extends AlertInput {
  readonly caseId: string;
  readonly runId: string;
  readonly seq: number;
}

/** The alert an `alerts` row holds. */
export function alertRowToAlert(row: AlertRow): StoredAlert {
  return {
    caseId: row.case_id,
    runId: row.run_id,
    seq: row.seq,
    date: row.date,
    situation: row.situation,
    level: row.level,
    previousLevel: row.previous_level,
    payload: JSON.parse(row.payload) as unknown,
  };
}

/** An alert as its `alerts` row. */
export function alertToRow(caseId: string, runId: string, seq: number, a: AlertInput): AlertRow {
  return {
    case_id: caseId,
    run_id: runId,
    seq,
    date: a.date,
    situation: a.situation,
    level: a.level,
    previous_level: a.previousLevel,
    payload: JSON.stringify(a.payload ?? null),
  };
}

/**
 * Store the alerts of one run, replacing any saved earlier under the same run id.
 * @returns the number of alerts stored.
 */
export async function saveAlerts(
  store: Store,
  caseId: string,
  runId: string,
  alerts: readonly AlertInput[],
): Promise<number> {
  return saveAlertStream(store, caseId, runId, alerts.length, () => asAsync(alerts));
}

async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/** Rows written (and log entries appended) per statement. */
const BATCH = 100;

/**
 * {@link saveAlerts} for a run too large to hold: the `count` alerts are read from `alerts()` (called once to
 * compare with the run saved before, once more to write) and written in batches, all in one transaction, so a
 * failure part-way writes nothing. Only a batch of rows is in memory at a time.
 * @example await saveAlertStream(store, "import-acled", runId, spool.count, () => spool.alerts())
 */
export async function saveAlertStream(
  store: Store,
  caseId: string,
  runId: string,
  count: number,
  alerts: () => AsyncIterable<AlertInput>,
): Promise<number> {
  const key = (seq: number) => ({ case_id: caseId, run_id: runId, seq });
  try {
    await store.db.transaction().execute(async (trx) => {
      const old = await trx
        .selectFrom("alerts")
        .select("seq")
        .where("case_id", "=", caseId)
        .where("run_id", "=", runId)
        .orderBy("seq")
        .execute();
      // Saving the same run again writes (and logs) nothing. Compared row by row: one string of a whole run of
      // thousands of alerts would be as large as the run.
      if (old.length === count && (await sameRows(trx, caseId, runId, alerts()))) return;
      await trx.deleteFrom("alerts").where("case_id", "=", caseId).where("run_id", "=", runId).execute();
      // Each replaced alert is logged as deleted, then each new one as written: `log verify` sees both.
      const deleted = old
        .filter((r) => r.seq >= count)
        .map((r) => ({ action: "delete" as const, table: "alerts", key: key(r.seq) }));
      if (deleted.length > 0) await appendToLog(trx, deleted);
      let rows: AlertRow[] = [];
      const write = async () => {
        if (rows.length === 0) return;
        await trx.insertInto("alerts").values(rows).execute();
        await appendToLog(
          trx,
          rows.map((r) => ({ action: "alert" as const, table: "alerts", key: key(r.seq) })),
        );
        rows = [];
      };
      let seq = 0;
      for await (const a of alerts()) {
        rows.push(alertToRow(caseId, runId, seq, a));
        seq += 1;
        if (rows.length === BATCH) await write();
      }
      await write();
      if (seq !== count) throw new Error(`saveAlertStream: ${seq} alert(s) read, ${count} expected`);
    });
    return count;
  } catch (e) {
    throw toStoreError(store, e, `save alerts of run ${runId}`);
  }
}

/** Whether the stored rows of the run are exactly these alerts, read one by one. */
async function sameRows(
  trx: Transaction<Database>,
  caseId: string,
  runId: string,
  alerts: AsyncIterable<AlertInput>,
): Promise<boolean> {
  let seq = 0;
  for await (const a of alerts) {
    const row = await trx
      .selectFrom("alerts")
      .selectAll()
      .where("case_id", "=", caseId)
      .where("run_id", "=", runId)
      .where("seq", "=", seq)
      .executeTakeFirst();
    if (row === undefined || canonicalJson(row) !== canonicalJson(alertToRow(caseId, runId, seq, a)))
      return false;
    seq += 1;
  }
  return true;
}

/** The alerts of a case, by date, then run and position; optionally of one run only. */
export async function listAlerts(
  store: Store,
  caseId: string,
  options: { readonly runId?: string } = {},
): Promise<StoredAlert[]> {
  try {
    let q = store.db.selectFrom("alerts").selectAll().where("case_id", "=", caseId);
    if (options.runId !== undefined) q = q.where("run_id", "=", options.runId);
    const rows = await q.orderBy("date").orderBy("run_id").orderBy("seq").execute();
    return rows.map(alertRowToAlert);
  } catch (e) {
    throw toStoreError(store, e, `list alerts of case ${caseId}`);
  }
}
