/**
 * Accounts: users, sessions and API tokens. Every change to a user is appended to the tamper-evident log
 * (so `log verify` catches a role raised directly in the database) and to the audit trail. Sessions and
 * tokens are stored as SHA-256 hashes only; disabling a user kills its sessions and revokes its tokens.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { encodeAuditLine, redactSecrets, type AuditEvent } from "../../security/audit-line.js";
import type { Principal } from "../../security/principal.js";
import { parseRole, type Role } from "../../security/roles.js";
import { hashSecret, newApiToken, newSecret } from "../../security/secret-token.js";
import type { Database } from "../database.js";
import { appendToLog } from "../log/log-append.js";
import { type UserRow } from "./account.table.js";

/** An account problem with a stable code; messages name usernames, never secrets. */
export class AccountError extends Error {
  constructor(
    readonly code: "USERNAME_INVALID" | "USERNAME_TAKEN" | "USER_NOT_FOUND" | "ROLE_INVALID",
    message: string,
  ) {
    super(message);
    this.name = "AccountError";
  }
}

export type { Principal };

/** Usernames are case-folded, NFC, 1–64 of [a-z0-9._@-]: no look-alikes, nothing that breaks a log line. */
export function normaliseUsername(username: string): string {
  const u = username.normalize("NFC").trim().toLowerCase();
  if (!/^[a-z0-9._@-]{1,64}$/u.test(u))
    throw new AccountError("USERNAME_INVALID", "a username is 1–64 of a-z 0-9 . _ @ -");
  return u;
}

function roleOrThrow(role: string): Role {
  const r = parseRole(role);
  if (!r)
    throw new AccountError(
      "ROLE_INVALID",
      `unknown role "${role.slice(0, 32)}" (admin, analyst, viewer, source-handler)`,
    );
  return r;
}

/**
 * Append an audit event (one redacted JSON line; the actor and target columns are redacted alike). Outside a
 * transaction, a sequence number taken by a concurrent writer is retried, so two refusals at once are both kept.
 */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  event: AuditEvent,
): Promise<void> {
  const safe = redactSecrets(event) as AuditEvent;
  const t = db;
  for (let attempt = 0; ; attempt++) {
    const last = await t
      .selectFrom("audit_events")
      .select((eb) => eb.fn.max("seq").as("max"))
      .executeTakeFirst();
    try {
      await t
        .insertInto("audit_events")
        .values({
          seq: last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1,
          at: safe.at,
          actor: safe.actor,
          action: safe.action,
          target: safe.target ?? null,
          outcome: safe.outcome ?? null,
          line: encodeAuditLine(event).trimEnd(),
        })
        .execute();
      return;
    } catch (e) {
      // Inside a transaction a failed insert has aborted it (PostgreSQL): the caller's transaction decides.
      if (db.isTransaction || attempt >= 4) throw e;
    }
  }
}

async function logUser(
  trx: Transaction<Database>,
  id: string,
  actor: string,
  at: string,
  action: string,
): Promise<void> {
  await appendToLog(trx, [{ action: "admin", table: "users", key: { id }, actor, at }]);
  await recordAudit(trx, { at, actor, action, target: id, outcome: "ok" });
}

/** Find a user by (normalised) username; undefined when unknown or the name is not a valid username. */
export async function findUser(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  let u: string;
  try {
    u = normaliseUsername(username);
  } catch {
    return undefined;
  }
  return db.selectFrom("users").selectAll().where("username", "=", u).executeTakeFirst();
}

/** Every user, by username (no secrets: hashes and TOTP secrets are left out). */
export async function listUsers(
  db: Kysely<Database>,
): Promise<{ id: string; username: string; role: string; disabled: boolean; totp: boolean }[]> {
  const rows = await db
    .selectFrom("users")
    .select(["id", "username", "role", "disabled", "totp_secret"])
    .orderBy("username")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    role: r.role,
    disabled: Number(r.disabled) === 1,
    totp: r.totp_secret !== null,
  }));
}

/** How many enabled admins exist (the first `user add --admin` needs none to exist or local access). */
export async function countAdmins(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("role", "=", "admin")
    .where("disabled", "=", 0)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Create a user. `passwordHash` comes from security/password-hash; `totpSecret` is already encrypted. */
export async function addUser(
  db: Kysely<Database>,
  input: {
    username: string;
    passwordHash: string;
    role: string;
    totpSecret?: string;
    actor: string;
    at: string;
  },
): Promise<UserRow> {
  const username = normaliseUsername(input.username);
  const role = roleOrThrow(input.role);
  return db.transaction().execute(async (trx) => {
    const t = trx;
    if (await t.selectFrom("users").select("id").where("username", "=", username).executeTakeFirst()) {
      throw new AccountError("USERNAME_TAKEN", `user ${username} already exists`);
    }
    const row: UserRow = {
      id: randomUUID(),
      username,
      password_hash: input.passwordHash,
      role,
      totp_secret: input.totpSecret ?? null,
      totp_last_step: null,
      disabled: 0,
      created_at: input.at,
      updated_at: input.at,
    };
    await t.insertInto("users").values(row).execute();
    await logUser(trx, row.id, input.actor, input.at, "user.add");
    return row;
  });
}

async function changeUser(
  db: Kysely<Database>,
  username: string,
  change: Partial<Pick<UserRow, "role" | "disabled" | "password_hash" | "totp_secret">>,
  actor: string,
  at: string,
  action: string,
): Promise<UserRow> {
  const u = await findUser(db, username);
  if (!u) throw new AccountError("USER_NOT_FOUND", `no user ${normaliseUsername(username)}`);
  return db.transaction().execute(async (trx) => {
    const t = trx;
    await t
      .updateTable("users")
      .set({ ...change, updated_at: at })
      .where("id", "=", u.id)
      .execute();
    // Any change to who someone is ends their sessions and tokens' use as before: they log in again.
    await t.deleteFrom("sessions").where("user_id", "=", u.id).execute();
    if (change.disabled === 1)
      await t
        .updateTable("api_tokens")
        .set({ revoked_at: at })
        .where("user_id", "=", u.id)
        .where("revoked_at", "is", null)
        .execute();
    await logUser(trx, u.id, actor, at, action);
    return { ...u, ...change, updated_at: at };
  });
}

/** Give a user another role (their sessions end). */
export function setRole(
  db: Kysely<Database>,
  username: string,
  role: string,
  actor: string,
  at: string,
): Promise<UserRow> {
  return changeUser(db, username, { role: roleOrThrow(role) }, actor, at, "user.role");
}

/** Disable a user: sessions killed, API tokens revoked, logins refused. */
export function disableUser(
  db: Kysely<Database>,
  username: string,
  actor: string,
  at: string,
): Promise<UserRow> {
  return changeUser(db, username, { disabled: 1 }, actor, at, "user.disable");
}

/** Store a new (already encrypted) TOTP secret. */
export function setTotpSecret(
  db: Kysely<Database>,
  username: string,
  encryptedSecret: string,
  actor: string,
  at: string,
): Promise<UserRow> {
  return changeUser(db, username, { totp_secret: encryptedSecret }, actor, at, "user.totp");
}

/** Remember the TOTP step just used, so the same code cannot log in twice. */
export async function markTotpStep(db: Kysely<Database>, userId: string, step: number): Promise<void> {
  await db.updateTable("users").set({ totp_last_step: step }).where("id", "=", userId).execute();
}

/**
 * Open a session for a user who just logged in (a fresh token each login: session fixation is impossible).
 * @returns the token for the cookie; only its hash is stored.
 */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  secondFactor: boolean,
  now: Date,
  ttlSeconds = 8 * 3600,
): Promise<string> {
  const token = newSecret();
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashSecret(token),
      user_id: userId,
      second_factor: secondFactor ? 1 : 0,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
    })
    .execute();
  return token;
}

/** End a session (logout). */
export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hashSecret(token)).execute();
}

/** The principal of a live session of an enabled user, else undefined. */
export async function sessionPrincipal(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "users.id as id",
      "users.username as username",
      "users.role as role",
      "users.disabled as disabled",
      "sessions.second_factor as sf",
      "sessions.expires_at as expires",
    ])
    .where("sessions.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  const role = row ? parseRole(row.role) : undefined;
  if (!row || !role || Number(row.disabled) === 1 || row.expires <= now.toISOString()) return undefined;
  return {
    userId: row.id,
    username: row.username,
    role,
    secondFactor: Number(row.sf) === 1,
    via: "session",
    expiresAt: row.expires,
  };
}

/** Issue an API token for scripts. @returns the token (shown once) and its id (for revocation). */
export async function createApiToken(
  db: Kysely<Database>,
  username: string,
  name: string,
  now: Date,
  expiresAt?: Date,
): Promise<{ id: string; token: string }> {
  const u = await findUser(db, username);
  if (!u) throw new AccountError("USER_NOT_FOUND", `no user ${normaliseUsername(username)}`);
  const token = newApiToken();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("api_tokens")
      .values({
        token_hash: hashSecret(token),
        id,
        user_id: u.id,
        name: name.slice(0, 100),
        created_at: now.toISOString(),
        expires_at: expiresAt?.toISOString() ?? null,
        revoked_at: null,
      })
      .execute();
    await recordAudit(trx, {
      at: now.toISOString(),
      actor: "cli",
      action: "token.create",
      target: u.id,
      outcome: "ok",
      details: { tokenId: id },
    });
  });
  return { id, token };
}

/** The principal of a valid, unrevoked, unexpired API token of an enabled user, else undefined. */
export async function apiTokenPrincipal(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "users.id as id",
      "users.username as username",
      "users.role as role",
      "users.disabled as disabled",
      "api_tokens.expires_at as expires",
      "api_tokens.revoked_at as revoked",
    ])
    .where("api_tokens.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  const role = row ? parseRole(row.role) : undefined;
  if (
    !row ||
    !role ||
    Number(row.disabled) === 1 ||
    row.revoked !== null ||
    (row.expires !== null && row.expires <= now.toISOString())
  )
    return undefined;
  return { userId: row.id, username: row.username, role, secondFactor: false, via: "token" };
}
