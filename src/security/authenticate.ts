/**
 * Password login with throttling and a uniform answer: an unknown user, a disabled user and a wrong
 * password all run one scrypt verification and return the same `invalid` result, so neither the answer
 * nor its timing reveals which accounts exist.
 * @module
 */
import type { LoginThrottle } from "./login-throttle.js";
import { dummyPasswordHash, verifyPassword } from "./password-hash.js";

/** The minimum a login needs to know about a stored account. */
export interface LoginAccount {
  readonly id: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

/** The result: the account, or why not (one reason for every credential failure). */
export type LoginResult<A extends LoginAccount> =
  | { readonly ok: true; readonly account: A }
  | { readonly ok: false; readonly reason: "invalid" }
  | { readonly ok: false; readonly reason: "throttled"; readonly retryAfterSeconds: number };

/**
 * Check a username and password.
 * @example await authenticate(throttle, findUser, "ana", "pw", "203.0.113.9", Date.now())
 */
export async function authenticate<A extends LoginAccount>(
  throttle: LoginThrottle,
  find: (username: string) => Promise<A | undefined>,
  username: string,
  password: string,
  ip: string,
  nowMs: number,
): Promise<LoginResult<A>> {
  const gate = throttle.check(username, ip, nowMs);
  if (!gate.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  const account = await find(username);
  // Always pay for one verification, against a dummy hash when there is no usable account.
  const hash = account && !account.disabled ? account.passwordHash : await dummyPasswordHash();
  const match = await verifyPassword(password, hash);
  if (account && !account.disabled && match) {
    throttle.succeed(username);
    return { ok: true, account };
  }
  throttle.fail(username, ip, nowMs);
  return { ok: false, reason: "invalid" };
}
