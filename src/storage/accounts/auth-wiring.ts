/**
 * The storage side of the login and auth middleware ports: what `src/http` passes to `authenticate(...)`
 * and `createLoginRoutes(...)` (see docs/security.md, "Mounting").
 * @module
 */
import type { Kysely } from "kysely";
import type { AuthPort } from "../../security/auth.middleware.js";
import { decryptField, encryptField } from "../../security/field-cipher.js";
import type { LoginThrottle } from "../../security/login-throttle.js";
import type { LoginDeps, LoginUser } from "../../security/login.routes.js";
import { base32Decode, base32Encode } from "../../security/totp.js";
import type { Database } from "../database.js";
import {
  apiTokenPrincipal,
  createSession,
  deleteSession,
  findUser,
  markTotpStep,
  recordAudit,
  sessionPrincipal,
} from "./account.repository.js";

/** The AES-GCM context of a user's TOTP secret. */
function totpContext(userId: string) {
  return { table: "users", recordId: userId, field: "totp_secret" };
}

/** Encrypt a TOTP secret for `users.totp_secret`. */
export function encryptTotpSecret(fieldKey: Buffer, userId: string, secret: Buffer): string {
  return encryptField(fieldKey, base32Encode(secret), totpContext(userId));
}

/** Decrypt `users.totp_secret`; undefined without a key or when it does not decrypt (the user then cannot pass TOTP). */
export function decryptTotpSecret(
  fieldKey: Buffer | undefined,
  userId: string,
  stored: string | null,
): Buffer | undefined {
  if (!fieldKey || stored === null) return undefined;
  try {
    return base32Decode(decryptField(fieldKey, stored, totpContext(userId)));
  } catch {
    return undefined;
  }
}

/** The {@link AuthPort} over a store. */
export function authPortFor(db: Kysely<Database>): AuthPort {
  return {
    sessionPrincipal: (token, now) => sessionPrincipal(db, token, now),
    apiTokenPrincipal: (token, now) => apiTokenPrincipal(db, token, now),
  };
}

/** The {@link LoginDeps} over a store. */
export function loginDepsFor(
  db: Kysely<Database>,
  fieldKey: Buffer | undefined,
  throttle: LoginThrottle,
  clock: () => Date,
): LoginDeps {
  return {
    throttle,
    clock,
    async findUser(username): Promise<LoginUser | undefined> {
      const u = await findUser(db, username);
      if (!u) return undefined;
      const totpSecret = decryptTotpSecret(fieldKey, u.id, u.totp_secret);
      return {
        id: u.id,
        passwordHash: u.password_hash,
        disabled: Number(u.disabled) === 1,
        role: u.role,
        ...(totpSecret ? { totpSecret } : {}),
        ...(u.totp_last_step !== null ? { totpLastStep: Number(u.totp_last_step) } : {}),
      };
    },
    createSession: (userId, sf, now) => createSession(db, userId, sf, now),
    deleteSession: (token) => deleteSession(db, token),
    markTotpStep: (userId, step) => markTotpStep(db, userId, step),
    audit: (event) => recordAudit(db, event),
  };
}
