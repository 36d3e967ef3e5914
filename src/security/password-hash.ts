/**
 * Password hashing with scrypt (node:crypto; Node 20 has no Argon2id), stored as a PHC-style string
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` so parameters can be raised later without breaking old hashes.
 * Cost: N=2^15, r=8 needs 32 MiB and ~50–100 ms per hash on a laptop core — that is the point.
 * @module
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** Parameters of new hashes (OWASP's scrypt minimum is N=2^17,r=8,p=1 or N=2^15 with more memory; see docs/security.md). */
export const SCRYPT_PARAMS = { ln: 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r bytes or node refuses the parameters.
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * Hash a password with a fresh random salt.
 * @example await hashPassword("correct horse") // "$scrypt$ln=15,r=8,p=1$…$…"
 */
export async function hashPassword(
  password: string,
  params: { ln: number; r: number; p: number } = SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params.ln, params.r, params.p);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/u;

/**
 * True when `password` matches `stored`; compares in constant time. A malformed stored hash never matches
 * (and still costs one scrypt run, so it answers no faster than a wrong password).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored);
  const ln = m ? Number(m[1]) : SCRYPT_PARAMS.ln;
  const ok = m !== null && ln >= 10 && ln <= 22;
  const salt = Buffer.from(m?.[4] ?? "AAAAAAAAAAAAAAAAAAAAAA", "base64url");
  const expected = m ? Buffer.from(m[5] as string, "base64url") : Buffer.alloc(KEY_LENGTH);
  const key = await derive(
    password,
    salt,
    ok ? ln : SCRYPT_PARAMS.ln,
    ok ? Number(m[2]) : SCRYPT_PARAMS.r,
    ok ? Number(m[3]) : SCRYPT_PARAMS.p,
  );
  return ok && expected.length === key.length && timingSafeEqual(expected, key);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password, made once per process: checking a login for an unknown user against it costs
 * the same time as for a known user, so the answer's timing does not reveal which accounts exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString("base64"));
  return dummy;
}
