/**
 * Answer tokens (`desk_answer_tokens`): the SHA-256 of each recipient's answer link, bound to one warning and one
 * recipient, with its expiry and its one use. The token itself is never stored.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import type { AnswerTokenRow } from "./desk.table.js";

/** Store a token's hash for (warning, recipient); an existing one for the pair is kept. */
export async function insertAnswerToken(
  trx: Transaction<Database>,
  t: {
    hash: string;
    nonce: string;
    caseId: string;
    warningId: string;
    recipientId: string;
    createdAt: string;
    expiresAt: string;
  },
): Promise<void> {
  await trx
    .insertInto("desk_answer_tokens")
    .values({
      token_hash: t.hash,
      case_id: t.caseId,
      warning_id: t.warningId,
      recipient_id: t.recipientId,
      nonce: t.nonce,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      used_at: null,
      response_id: null,
    })
    .onConflict((oc) => oc.columns(["case_id", "warning_id", "recipient_id"]).doNothing())
    .execute();
}

/** The token row with this hash, if any. */
export function findAnswerToken(
  db: Kysely<Database> | Transaction<Database>,
  hash: string,
): Promise<AnswerTokenRow | undefined> {
  return db.selectFrom("desk_answer_tokens").selectAll().where("token_hash", "=", hash).executeTakeFirst();
}

/** Spend a token (compare-and-set on `used_at`): false when it was used meanwhile. */
export async function spendAnswerToken(
  trx: Transaction<Database>,
  hash: string,
  at: string,
  responseId: string,
): Promise<boolean> {
  const r = await trx
    .updateTable("desk_answer_tokens")
    .set({ used_at: at, response_id: responseId })
    .where("token_hash", "=", hash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The token row of (warning, recipient), if any. */
export function answerTokenOf(
  db: Kysely<Database> | Transaction<Database>,
  caseId: string,
  warningId: string,
  recipientId: string,
): Promise<AnswerTokenRow | undefined> {
  return db
    .selectFrom("desk_answer_tokens")
    .selectAll()
    .where("case_id", "=", caseId)
    .where("warning_id", "=", warningId)
    .where("recipient_id", "=", recipientId)
    .executeTakeFirst();
}

/** The warnings of every case issued through the desk (those with answer tokens), as (case, warning) pairs. */
export async function deskWarnings(db: Kysely<Database>): Promise<{ caseId: string; warningId: string }[]> {
  const rows = await db
    .selectFrom("desk_answer_tokens")
    .select(["case_id", "warning_id"])
    .distinct()
    .orderBy("case_id")
    .orderBy("warning_id")
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, warningId: r.warning_id }));
}
