/**
 * Per-case settings (`case_settings`): read by the live assessor, set through the API. Setting them is one
 * transaction with its log leaf and audit event; a case with no row has the defaults.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import type { Store } from "../store.js";
import { toStoreError } from "../store-registry.js";
import { recordAudit } from "../accounts/account.repository.js";
import { appendToLog } from "../log/log-append.js";
import { WriteError } from "./write-error.js";

export interface CaseSettings {
  /** Issue an alert of the live assessment as a warning at once, instead of leaving it a proposal. */
  readonly autoIssueWarnings: boolean;
}

export const DEFAULT_CASE_SETTINGS: CaseSettings = { autoIssueWarnings: false };

/** The settings of a case (the defaults when none were set). */
export async function caseSettingsOf(
  db: Kysely<Database> | Transaction<Database>,
  caseId: string,
): Promise<CaseSettings> {
  const row = await db
    .selectFrom("case_settings")
    .select("auto_issue_warnings")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row ? { autoIssueWarnings: Number(row.auto_issue_warnings) === 1 } : DEFAULT_CASE_SETTINGS;
}

/** Write a case's settings inside a transaction (logged and audited). */
export async function putCaseSettings(
  trx: Transaction<Database>,
  caseId: string,
  settings: CaseSettings,
  actor: string,
  at: string,
): Promise<void> {
  const values = {
    auto_issue_warnings: settings.autoIssueWarnings ? 1 : 0,
    updated_by: actor,
    updated_at: at,
  };
  const before = await trx
    .selectFrom("case_settings")
    .select("case_id")
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  await trx
    .insertInto("case_settings")
    .values({ case_id: caseId, ...values })
    .onConflict((oc) => oc.column("case_id").doUpdateSet(values))
    .execute();
  await appendToLog(trx, [
    { action: before ? "update" : "create", table: "case_settings", key: { case_id: caseId }, actor, at },
  ]);
  await recordAudit(trx, { at, actor, action: "case.settings", target: caseId, outcome: "ok" });
}

/**
 * Set the settings of a stored case.
 * @throws WriteError NOT_FOUND when there is no such case (nothing written).
 * @example await setCaseSettings(store, "c", { autoIssueWarnings: true }, "u1", new Date().toISOString())
 */
export async function setCaseSettings(
  store: Store,
  caseId: string,
  settings: CaseSettings,
  actor: string,
  at: string,
): Promise<void> {
  try {
    await store.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom("cases").select("id").where("id", "=", caseId).executeTakeFirst();
      if (!found) throw new WriteError("NOT_FOUND", `no case with id "${caseId}"`);
      await putCaseSettings(trx, caseId, settings, actor, at);
    });
  } catch (e) {
    if (e instanceof WriteError) throw e;
    throw toStoreError(store, e, `set the settings of case ${caseId}`);
  }
}

/**
 * The settings of a stored case, or undefined when there is no such case.
 * @example (await storedCaseSettings(store, "c"))?.autoIssueWarnings // false
 */
export async function storedCaseSettings(store: Store, caseId: string): Promise<CaseSettings | undefined> {
  try {
    const found = await store.db.selectFrom("cases").select("id").where("id", "=", caseId).executeTakeFirst();
    return found ? await caseSettingsOf(store.db, caseId) : undefined;
  } catch (e) {
    throw toStoreError(store, e, `read the settings of case ${caseId}`);
  }
}
