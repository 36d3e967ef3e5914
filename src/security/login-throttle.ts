/**
 * Login throttling: at most 10 failed attempts per 15 minutes per account and per client address, after
 * which the caller answers 429 with `Retry-After`. Sliding window over failure times; the clock is passed
 * in. Counts are kept in memory (one process): see docs/security.md for what that leaves open.
 * @module
 */

/** The policy. */
export interface ThrottlePolicy {
  readonly maxFailures: number;
  readonly windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { maxFailures: 10, windowSeconds: 15 * 60 };

/** Whether a login attempt may go ahead, and if not, how long to wait. */
export type ThrottleDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Failure windows keyed by `account:<name>` and `ip:<address>`. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE) {}

  /**
   * May this account from this address try now (`nowMs` in milliseconds)? Unknown and known accounts are
   * keyed alike, so the answer never says whether the account exists.
   */
  check(account: string, ip: string, nowMs: number): ThrottleDecision {
    let wait = 0;
    for (const key of this.keys(account, ip)) {
      const times = this.recent(key, nowMs);
      if (times.length >= this.policy.maxFailures) {
        const oldest = times[times.length - this.policy.maxFailures] as number;
        wait = Math.max(wait, Math.ceil((oldest + this.policy.windowSeconds * 1000 - nowMs) / 1000));
      }
    }
    return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
  }

  /** Record one failed attempt. */
  fail(account: string, ip: string, nowMs: number): void {
    for (const key of this.keys(account, ip)) this.failures.set(key, [...this.recent(key, nowMs), nowMs]);
  }

  /** A successful login clears the account's count (not the address's: one address may be guessing many accounts). */
  succeed(account: string): void {
    this.failures.delete(`account:${account.normalize("NFC").toLowerCase()}`);
  }

  private keys(account: string, ip: string): string[] {
    return [`account:${account.normalize("NFC").toLowerCase()}`, `ip:${ip}`];
  }

  private recent(key: string, nowMs: number): number[] {
    const from = nowMs - this.policy.windowSeconds * 1000;
    const times = (this.failures.get(key) ?? []).filter((t) => t > from);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }
}
