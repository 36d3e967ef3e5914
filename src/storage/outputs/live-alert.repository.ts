/**
 * Alerts of the live assessment: appended to `alerts` under the run id {@link LIVE_RUN}, one sequence per case.
 * The last live alert of a situation holds its current level. Appending re-reads those levels inside the
 * transaction and keeps only alerts that start from them, so two assessors racing on one case (two processes on
 * PostgreSQL) never store the same change twice: the loser's insert conflicts on the key and rolls back.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import { appendToLog } from "../log/log-append.js";
import { alertRowToAlert, alertToRow, type AlertInput, type StoredAlert } from "./alert.repository.js";

/** The run id under which live alerts are stored. */
export const LIVE_RUN = "live";

/** The last live level of each situation of a case. */
export async function liveLevels(
  db: Kysely<Database> | Transaction<Database>,
  caseId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("alerts")
    .select(["situation", "level"])
    .where("case_id", "=", caseId)
    .where("run_id", "=", LIVE_RUN)
    .orderBy("seq")
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.situation, r.level);
  return out;
}

/**
 * Append live alerts of a case (logged as `alert`). An alert whose `previousLevel` is no longer the situation's
 * stored level was stored by someone else meanwhile and is skipped.
 * @returns the alerts stored, with their sequence numbers.
 */
export async function appendLiveAlerts(
  store: Store,
  caseId: string,
  alerts: readonly AlertInput[],
  actor: string,
  at: string,
): Promise<StoredAlert[]> {
  if (alerts.length === 0) return [];
  try {
    return await store.db.transaction().execute(async (trx) => {
      const levels = await liveLevels(trx, caseId);
      const fresh = alerts.filter((a) => (levels.get(a.situation) ?? "none") === a.previousLevel);
      if (fresh.length === 0) return [];
      const last = await trx
        .selectFrom("alerts")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .where("case_id", "=", caseId)
        .where("run_id", "=", LIVE_RUN)
        .executeTakeFirst();
      const first = last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq) + 1;
      const rows = fresh.map((a, i) => alertToRow(caseId, LIVE_RUN, first + i, a));
      await trx.insertInto("alerts").values(rows).execute();
      await appendToLog(
        trx,
        rows.map((r) => ({
          action: "alert" as const,
          table: "alerts",
          key: { case_id: caseId, run_id: LIVE_RUN, seq: r.seq },
          actor,
          at,
        })),
      );
      return rows.map(alertRowToAlert);
    });
  } catch (e) {
    throw toStoreError(store, e, `store live alerts of case ${caseId}`);
  }
}
