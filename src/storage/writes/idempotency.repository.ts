/**
 * Idempotency keys of creates: the first answer to a (user, key) is kept, in the write's own transaction; a
 * retry with the same body gets it again, a different body with the same key is refused.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import { canonicalJson, sha256Hex } from "../records/canonical-json.js";

/** A create's claim on an Idempotency-Key. */
export interface IdempotencyClaim {
  readonly userId: string;
  readonly key: string;
  /** The route as requested (method and path): a key is bound to one. */
  readonly scope: string;
  /** {@link requestHash} of the body. */
  readonly requestHash: string;
}

/** What a key already answered. */
export interface IdempotentAnswer {
  readonly sameRequest: boolean;
  readonly status: number;
  readonly body: unknown;
  readonly etag: string | undefined;
}

/** The hash a body is compared by (canonical JSON: key order does not matter). */
export function requestHash(scope: string, body: unknown): string {
  return sha256Hex(`${scope}\n${canonicalJson(body)}`);
}

/**
 * The answer kept for this claim's user and key, if any.
 * @example const prior = await findIdempotentAnswer(store.db, claim); if (prior?.sameRequest) return prior.body
 */
export async function findIdempotentAnswer(
  db: Kysely<Database>,
  claim: IdempotencyClaim,
): Promise<IdempotentAnswer | undefined> {
  const row = await db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("user_id", "=", claim.userId)
    .where("key", "=", claim.key)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    sameRequest: row.scope === claim.scope && row.request_hash === claim.requestHash,
    status: Number(row.status),
    body: JSON.parse(row.response) as unknown,
    etag: row.etag ?? undefined,
  };
}

/** Keep the first answer to a claim (inside the write's transaction). */
export async function saveIdempotentAnswer(
  trx: Transaction<Database>,
  claim: IdempotencyClaim,
  status: number,
  body: unknown,
  etag: string | undefined,
  at: string,
): Promise<void> {
  await trx
    .insertInto("idempotency_keys")
    .values({
      user_id: claim.userId,
      key: claim.key,
      scope: claim.scope,
      request_hash: claim.requestHash,
      status,
      response: JSON.stringify(body),
      etag: etag ?? null,
      created_at: at,
    })
    .execute();
}
