/**
 * Bearer secrets (session cookies, API tokens): 256 random bits, and the SHA-256 the database keeps instead,
 * so a copy of the database holds no usable session or token.
 * @module
 */
import { createHash, randomBytes } from "node:crypto";

/** API tokens carry a prefix so secret scanners and humans recognise them. */
export const API_TOKEN_PREFIX = "tcn_";

/** A new random secret, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A new API token: prefix + secret. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

/**
 * What the database stores for a secret.
 * @example hashSecret("abc") // "ba7816bf…"
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
