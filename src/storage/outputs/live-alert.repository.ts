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
import { keyText } from "../log/logged-content.js";
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

/** A live alert as listed: the stored alert, when it was raised and by whom (its log entry). */
export interface ListedLiveAlert extends StoredAlert {
  /** UTC ISO time the alert was stored (the `at` of its `alert` log entry). */
  readonly raisedAt: string | null;
  /** Who stored it (the live assessor), from the same log entry. */
  readonly raisedBy: string | null;
}

/** Log keys read per statement (well under SQLite's and PostgreSQL's bound-parameter limits). */
const KEYS_PER_QUERY = 500;

/**
 * The live alerts of a case in the order they were stored, each with the time and actor of its `alert` log entry
 * (the alerts table keeps no time; the log does, and a live alert is always logged in the transaction that
 * stores it). Reads the alerts, then their log leaves by the indexed (table, key) pair.
 * @example (await listLiveAlerts(store, "live-watch"))[0]?.raisedAt // "2031-05-01T12:00:00.000Z"
 */
export async function listLiveAlerts(store: Store, caseId: string): Promise<ListedLiveAlert[]> {
  try {
    const rows = await store.db
      .selectFrom("alerts")
      .selectAll()
      .where("case_id", "=", caseId)
      .where("run_id", "=", LIVE_RUN)
      .orderBy("seq")
      .execute();
    const keyOf = (seq: number) => keyText({ case_id: caseId, run_id: LIVE_RUN, seq });
    const logged = new Map<string, { at: string; actor: string | null }>();
    for (let i = 0; i < rows.length; i += KEYS_PER_QUERY) {
      const keys = rows.slice(i, i + KEYS_PER_QUERY).map((r) => keyOf(r.seq));
      const leaves = await store.db
        .selectFrom("log_leaves")
        .select(["record_key", "leaf_data", "logged_at"])
        .where("table_name", "=", "alerts")
        .where("action", "=", "alert")
        .where("record_key", "in", keys)
        .orderBy("leaf_index")
        .execute();
      // The last entry of a key wins: a case deleted and written again reuses its alerts' keys.
      for (const l of leaves) logged.set(l.record_key, { at: l.logged_at, actor: actorOf(l.leaf_data) });
    }
    return rows.map((r) => {
      const entry = logged.get(keyOf(r.seq));
      return { ...alertRowToAlert(r), raisedAt: entry?.at ?? null, raisedBy: entry?.actor ?? null };
    });
  } catch (e) {
    throw toStoreError(store, e, `list live alerts of case ${caseId}`);
  }
}

function actorOf(leafData: string): string | null {
  const actor = (JSON.parse(leafData) as { actor?: unknown }).actor;
  return typeof actor === "string" ? actor : null;
}
