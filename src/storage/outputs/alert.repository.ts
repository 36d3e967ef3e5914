/**
 * Alerts raised by engine runs, stored per case and run with their JSON payload. Saving a run again replaces
 * that run's alerts (one transaction), so re-running is idempotent.
 * @module
 */
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import { canonicalJson } from "../records/canonical-json.js";
import { appendToLog, type LogEntry } from "../log/log-append.js";
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
  try {
    await store.db.transaction().execute(async (trx) => {
      const rows = alerts.map((a, i) => alertToRow(caseId, runId, i, a));
      const old = await trx
        .selectFrom("alerts")
        .selectAll()
        .where("case_id", "=", caseId)
        .where("run_id", "=", runId)
        .orderBy("seq")
        .execute();
      // Saving the same run again writes (and logs) nothing. Row by row: one string of a whole run of thousands
      // of alerts would be as large as the run.
      if (old.length === rows.length && old.every((r, i) => canonicalJson(r) === canonicalJson(rows[i])))
        return;
      const key = (seq: number) => ({ case_id: caseId, run_id: runId, seq });
      await trx.deleteFrom("alerts").where("case_id", "=", caseId).where("run_id", "=", runId).execute();
      for (let i = 0; i < rows.length; i += 100)
        await trx
          .insertInto("alerts")
          .values(rows.slice(i, i + 100))
          .execute();
      // Each replaced alert is logged as deleted, then each new one as written: `log verify` sees both.
      const entries: LogEntry[] = [
        ...old
          .filter((r) => r.seq >= rows.length)
          .map((r) => ({ action: "delete" as const, table: "alerts", key: key(r.seq) })),
        ...rows.map((r) => ({ action: "alert" as const, table: "alerts", key: key(r.seq) })),
      ];
      await appendToLog(trx, entries);
    });
    return alerts.length;
  } catch (e) {
    throw toStoreError(store, e, `save alerts of run ${runId}`);
  }
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
