/**
 * Dual control over revealing a confidential source's identity: one source-handler (with a TOTP session)
 * asks, giving a reason; a different source-handler approves; the requester may then read the identity
 * once, within 15 minutes. Each step is a leaf of the tamper-evident log and an audit event; the audit
 * names the source id, never the identity.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ProtectedIdentity, Source } from "../../domain/index.js";
import { allowed } from "../../security/auth.middleware.js";
import type { Principal } from "../../security/principal.js";
import type { Database } from "../database.js";
import { sealedOf } from "../records/source.mapper.js";
import { recordAudit } from "../accounts/account.repository.js";
import { appendToLog } from "../log/log-append.js";
import { type RevealRequestRow } from "./reveal-request.table.js";
import { decryptIdentityRows } from "./source-identity.cipher.js";

/** What a reveal shows: the protected identity and the sealed text fields of the source. */
export type RevealedSource = ProtectedIdentity &
  Partial<Pick<Source, "title" | "author" | "url" | "notes" | "publishedAt" | "licence" | "attribution">>;

/** How long an approval stays usable. */
export const REVEAL_APPROVAL_SECONDS = 15 * 60;

/**
 * Why a reveal step was refused, with a stable code and the `case/source` (or request id) it was about.
 * Every refusal is audited: here, or by the caller that asked to do it ({@link RevealOptions}).
 */
export class RevealError extends Error {
  constructor(
    readonly code:
      | "REVEAL_FORBIDDEN"
      | "REVEAL_NOT_FOUND"
      | "REVEAL_SELF_APPROVAL"
      | "REVEAL_NOT_APPROVED"
      | "REVEAL_EXPIRED"
      | "REVEAL_USED",
    message: string,
    readonly target = "",
  ) {
    super(message);
    this.name = "RevealError";
  }
}

/** How a caller runs a reveal step. */
export interface RevealOptions {
  /**
   * False when the caller writes the refusal's audit event itself (the HTTP layer: one event per refused
   * request, named by its route); default true.
   */
  readonly auditRefusals?: boolean;
}

async function refuse(
  db: Kysely<Database>,
  who: Principal | undefined,
  action: string,
  target: string,
  at: string,
  error: RevealError,
  options: RevealOptions,
): Promise<never> {
  const refusal = new RevealError(error.code, error.message, target);
  if (options.auditRefusals !== false)
    await recordAudit(db, {
      at,
      actor: who?.userId ?? "anonymous",
      action,
      target,
      outcome: "denied",
      reason: error.message,
      details: { code: error.code },
    });
  throw refusal;
}

async function step(
  db: Kysely<Database>,
  row: RevealRequestRow,
  actor: string,
  at: string,
  action: string,
  create: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const t = trx;
    if (create) await t.insertInto("reveal_requests").values(row).execute();
    else await t.updateTable("reveal_requests").set(row).where("id", "=", row.id).execute();
    await appendToLog(trx, [{ action: "admin", table: "reveal_requests", key: { id: row.id }, actor, at }]);
    await recordAudit(trx, {
      at,
      actor,
      action,
      target: `${row.case_id}/${row.source_id}`,
      outcome: "ok",
      details: { request: row.id },
    });
  });
}

/** Ask to reveal one source's identity. @returns the request id. */
export async function requestReveal(
  db: Kysely<Database>,
  who: Principal | undefined,
  caseId: string,
  sourceId: string,
  reason: string,
  now: Date,
  options: RevealOptions = {},
): Promise<string> {
  const at = now.toISOString();
  const target = `${caseId}/${sourceId}`;
  if (!allowed(who, "sources:protected:read") || !who) {
    return refuse(
      db,
      who,
      "source.reveal.request",
      target,
      at,
      new RevealError("REVEAL_FORBIDDEN", "forbidden"),
      options,
    );
  }
  if (reason.trim().length < 10)
    throw new RangeError("requestReveal: give a reason of at least 10 characters");
  const row: RevealRequestRow = {
    id: randomUUID(),
    case_id: caseId,
    source_id: sourceId,
    requested_by: who.userId,
    reason: reason.slice(0, 500),
    requested_at: at,
    approved_by: null,
    approved_at: null,
    expires_at: null,
    used_at: null,
  };
  await step(db, row, who.userId, at, "source.reveal.request", true);
  return row.id;
}

async function load(db: Kysely<Database>, id: string): Promise<RevealRequestRow | undefined> {
  return db.selectFrom("reveal_requests").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A second source-handler approves (never the requester). */
export async function approveReveal(
  db: Kysely<Database>,
  who: Principal | undefined,
  requestId: string,
  now: Date,
  options: RevealOptions = {},
): Promise<void> {
  const at = now.toISOString();
  const req = await load(db, requestId);
  const target = req ? `${req.case_id}/${req.source_id}` : requestId;
  if (!allowed(who, "sources:protected:approve") || !who)
    return refuse(
      db,
      who,
      "source.reveal.approve",
      target,
      at,
      new RevealError("REVEAL_FORBIDDEN", "forbidden"),
      options,
    );
  if (!req)
    return refuse(
      db,
      who,
      "source.reveal.approve",
      target,
      at,
      new RevealError("REVEAL_NOT_FOUND", "no such reveal request"),
      options,
    );
  if (req.requested_by === who.userId) {
    return refuse(
      db,
      who,
      "source.reveal.approve",
      target,
      at,
      new RevealError("REVEAL_SELF_APPROVAL", "a reveal needs a second source-handler's approval"),
      options,
    );
  }
  if (req.used_at !== null)
    return refuse(
      db,
      who,
      "source.reveal.approve",
      target,
      at,
      new RevealError("REVEAL_USED", "this request was already used"),
      options,
    );
  const expires = new Date(now.getTime() + REVEAL_APPROVAL_SECONDS * 1000).toISOString();
  await step(
    db,
    { ...req, approved_by: who.userId, approved_at: at, expires_at: expires },
    who.userId,
    at,
    "source.reveal.approve",
    false,
  );
}

/**
 * The requester reads the identity, once, while the approval lasts. Returns the decrypted protected identity
 * and the source's sealed text fields (title, author, url, notes, publishedAt, licence, attribution).
 * @throws RevealError (audited) when anything is missing; FieldCipherError when the key is wrong.
 */
export async function revealIdentity(
  db: Kysely<Database>,
  who: Principal | undefined,
  requestId: string,
  fieldKey: Buffer,
  now: Date,
  options: RevealOptions = {},
): Promise<RevealedSource> {
  const at = now.toISOString();
  const req = await load(db, requestId);
  const target = req ? `${req.case_id}/${req.source_id}` : requestId;
  const deny = (code: RevealError["code"], message: string) =>
    refuse(db, who, "source.reveal", target, at, new RevealError(code, message), options);
  if (!allowed(who, "sources:protected:read") || !who) return deny("REVEAL_FORBIDDEN", "forbidden");
  // A request of someone else answers like a missing one.
  if (!req || req.requested_by !== who.userId) return deny("REVEAL_NOT_FOUND", "no such reveal request");
  if (req.approved_by === null || req.expires_at === null)
    return deny("REVEAL_NOT_APPROVED", "the request has not been approved by a second source-handler");
  if (req.used_at !== null) return deny("REVEAL_USED", "this approval was already used");
  if (req.expires_at <= at) return deny("REVEAL_EXPIRED", "the approval has expired");
  // The use is claimed atomically: of two concurrent reveals, only the one whose guarded UPDATE changes the row
  // reads the identity; the other finds used_at already set and is refused below.
  const identity = await db.transaction().execute(async (trx) => {
    const t = trx;
    const claimed = await t
      .updateTable("reveal_requests")
      .set({ used_at: at })
      .where("id", "=", req.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return undefined;
    await appendToLog(trx, [
      { action: "admin", table: "reveal_requests", key: { id: req.id }, actor: who.userId, at },
    ]);
    await recordAudit(trx, {
      at,
      actor: who.userId,
      action: "source.reveal",
      target,
      outcome: "ok",
      details: { request: req.id },
    });
    const rows = await t
      .selectFrom("source_identities")
      .selectAll()
      .where("case_id", "=", req.case_id)
      .where("source_id", "=", req.source_id)
      .execute();
    const { fields, identity: protectedIdentity } = sealedOf(decryptIdentityRows(fieldKey, rows));
    const out: Record<string, string> = {};
    // The sealed text fields (title, author, url, notes…) and the protected identity; citations stay sealed.
    for (const [field, value] of Object.entries(fields)) if (typeof value === "string") out[field] = value;
    return { ...out, ...protectedIdentity };
  });
  if (identity === undefined) return deny("REVEAL_USED", "this approval was already used");
  return identity;
}
