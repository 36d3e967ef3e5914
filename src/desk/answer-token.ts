/**
 * Answer-link tokens. Each (warning, recipient) gets a random nonce; its token is the HMAC-SHA256 of the nonce
 * under the desk key (derived from the install's field key, which never enters the database), and only the
 * token's SHA-256 is stored. So a copy of the database yields no working link, and every retry or reminder of a
 * delivery carries the same link.
 * @module
 */
import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

/** The desk key from the install's field key (HKDF-SHA256, its own label: never the field key itself). */
export function deskKeyFrom(fieldKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", fieldKey, Buffer.alloc(0), "tocsin desk answer links v1", 32));
}

/** A new random nonce (128 bits, base64url). */
export function newNonce(): string {
  return randomBytes(16).toString("base64url");
}

/** The token of a nonce (256 bits, base64url: 43 characters). */
export function tokenOf(deskKey: Buffer, nonce: string): string {
  return createHmac("sha256", deskKey).update(`answer\u0000${nonce}`).digest("base64url");
}

/** What is stored of a token. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token's shape: anything else is refused before any lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The answer link of a token. */
export function answerLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/answer/${token}`;
}
