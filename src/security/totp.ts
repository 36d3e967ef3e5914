/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 30-second steps, 6 digits by
 * default, the format every authenticator app reads. Secrets travel as RFC 4648 base32.
 * @module
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decode base32 (case, spaces and padding ignored); undefined on any other character. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.toUpperCase().replace(/[\s=]/gu, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new random 160-bit secret (RFC 4226 recommends 160 bits for HMAC-SHA-1). */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** RFC 4226 HOTP value of `counter`, zero-padded to `digits`. */
export function hotp(
  secret: Uint8Array,
  counter: number,
  digits = 6,
  algorithm: "sha1" | "sha256" | "sha512" = "sha1",
): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const code = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(code % 10 ** digits).padStart(digits, "0");
}

/**
 * The TOTP code at `unixSeconds` (RFC 6238 §4: T = floor((time − T0) / X), T0 = 0, X = 30).
 * @example totp(secret, 59) // the code of the second 30-second step
 */
export function totp(
  secret: Uint8Array,
  unixSeconds: number,
  digits = 6,
  algorithm: "sha1" | "sha256" | "sha512" = "sha1",
): string {
  return hotp(secret, Math.floor(unixSeconds / 30), digits, algorithm);
}

/**
 * Check a submitted code, accepting one step of clock drift each way (RFC 6238 §5.2). Returns the matched
 * step so the caller can refuse its reuse, or undefined.
 */
export function verifyTotp(
  secret: Uint8Array,
  code: string,
  unixSeconds: number,
  lastUsedStep = -1,
): number | undefined {
  if (!/^\d{6}$/u.test(code)) return undefined;
  const step = Math.floor(unixSeconds / 30);
  let matched: number | undefined;
  // Check every candidate (no early exit), so timing does not say which step matched.
  for (const s of [step - 1, step, step + 1]) {
    const ok = timingSafeEqual(Buffer.from(hotp(secret, s)), Buffer.from(code));
    if (ok && s > lastUsedStep) matched = s;
  }
  return matched;
}

/** The otpauth:// URI an authenticator app scans (label and issuer are URI-encoded). */
export function totpUri(secret: Uint8Array, account: string, issuer = "Tocsin"): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
