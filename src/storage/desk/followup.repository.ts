/**
 * Follow-ups sent (`desk_followups`): at most one reminder and one escalation per requested action, enforced by
 * the primary key, so two watchers racing on the same lapse send one.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import type { FollowupRow } from "./desk.table.js";

/**
 * Claim the follow-up of `kind` for a request inside the caller's transaction.
 * @returns false when it was claimed before (by this or another process): send nothing.
 */
export async function claimFollowup(
  trx: Transaction<Database>,
  f: {
    caseId: string;
    warningId: string;
    actionId: string;
    kind: "reminder" | "escalation";
    at: string;
    followupWarningId?: string;
  },
): Promise<boolean> {
  const r = await trx
    .insertInto("desk_followups")
    .values({
      case_id: f.caseId,
      warning_id: f.warningId,
      action_id: f.actionId,
      kind: f.kind,
      sent_at: f.at,
      followup_warning_id: f.followupWarningId ?? null,
    })
    .onConflict((oc) => oc.columns(["case_id", "warning_id", "action_id", "kind"]).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Every follow-up of a case. */
export function followupsOf(
  db: Kysely<Database> | Transaction<Database>,
  caseId: string,
): Promise<FollowupRow[]> {
  return db.selectFrom("desk_followups").selectAll().where("case_id", "=", caseId).execute();
}
