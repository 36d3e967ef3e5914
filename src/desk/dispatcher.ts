/**
 * The dispatcher: claims due deliveries under a lease, makes one attempt each, and records the receipt, the
 * next attempt (exponential backoff with jitter) or the dead letter after `maxAttempts`. At least once: a
 * process that dies mid-delivery leaves a `sending` row whose lease runs out, and the next claim takes it again
 * with the same idempotency key.
 * @module
 */
import type { Store } from "../storage/index.js";
import { claimDeliveries, markDelivered, markFailed, type DeliveryRow } from "../storage/desk/index.js";
import { findAnswerTokenFor } from "./answer-lookup.js";
import { answerLink, tokenOf } from "./answer-token.js";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff.js";
import type { DeskChannel } from "./channels/channel.js";
import { isoAfter, type Clock } from "./clock.js";
import type { DeskMessage } from "./desk-message.js";

export interface DispatcherDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly deskKey: Buffer;
  /** Public address of the answer pages (`https://desk.example.org`). */
  readonly baseUrl: string;
  /** Channels by contact-point channel name; a delivery whose channel is missing waits (is not attempted). */
  readonly channels: Readonly<Record<string, DeskChannel>>;
  /** This process's lease owner token. */
  readonly owner: string;
  /** How long a claim is held before another process may take it (default 60 s). */
  readonly leaseMs?: number;
  /** Deliveries claimed at a time (default 10). */
  readonly batch?: number;
  /** Attempts before the dead letter (default 8). */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
}

/** What one pass did. */
export interface DispatchReport {
  readonly claimed: number;
  readonly delivered: number;
  readonly failed: number;
  readonly dead: number;
}

async function attempt(deps: DispatcherDeps, row: DeliveryRow): Promise<"delivered" | "failed" | "dead"> {
  const now = () => deps.clock().toISOString();
  const channel = deps.channels[row.channel];
  const maxAttempts = deps.maxAttempts ?? 8;
  const fail = async (error: string, retry: boolean, receipt: string | null) => {
    const dead = !retry || row.attempts >= maxAttempts;
    const retryAt = dead
      ? undefined
      : isoAfter(
          deps.clock(),
          backoffDelay(row.attempts, deps.backoff ?? DEFAULT_BACKOFF, deps.random ?? Math.random),
        );
    await markFailed(deps.store, row.id, deps.owner, error, receipt, retryAt);
    return dead ? "dead" : "failed";
  };
  if (!channel) return fail(`no ${row.channel} channel is configured`, true, null);
  const message = JSON.parse(row.message) as DeskMessage;
  const token = await findAnswerTokenFor(deps.store, row.case_id, row.warning_id, row.recipient_id);
  if (!token) return fail("the recipient's answer token is missing", false, null);
  const result = await channel.send({
    key: row.id,
    address: row.address,
    message,
    answerLink: answerLink(deps.baseUrl, tokenOf(deps.deskKey, token.nonce)),
  });
  if (result.ok) {
    await markDelivered(deps.store, row.id, result.receipt, now());
    return "delivered";
  }
  return fail(result.error, result.retry, result.receipt ?? null);
}

/**
 * One pass: claim a batch and attempt each delivery (in parallel within the batch).
 * @example const r = await dispatchOnce(deps); r.delivered
 */
export async function dispatchOnce(deps: DispatcherDeps): Promise<DispatchReport> {
  const now = deps.clock();
  const rows = await claimDeliveries(
    deps.store,
    deps.owner,
    now.toISOString(),
    isoAfter(now, deps.leaseMs ?? 60_000),
    deps.batch ?? 10,
    Object.keys(deps.channels),
  );
  const outcomes = await Promise.all(rows.map((r) => attempt(deps, r)));
  const count = (k: string) => outcomes.filter((o) => o === k).length;
  return {
    claimed: rows.length,
    delivered: count("delivered"),
    failed: count("failed"),
    dead: count("dead"),
  };
}
