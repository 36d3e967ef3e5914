/**
 * Retry spacing: exponential backoff with "equal jitter" (half the nominal delay fixed, half random), capped.
 * The fixed half keeps retries spaced at least `base · 2^(n-1) / 2` apart; the random half spreads a herd of
 * deliveries that failed together.
 * @module
 */

/** Backoff settings. */
export interface BackoffPolicy {
  /** Nominal delay before the first retry, in ms. */
  readonly baseMs: number;
  /** Largest delay, in ms. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 3_600_000 };

/**
 * The delay before retry number `attempt` (1 = after the first failed attempt).
 * @example backoffDelay(3, { baseMs: 1000, capMs: 60_000 }, () => 0) // 2000 (nominal 4000, jitter 0)
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const nominal = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
