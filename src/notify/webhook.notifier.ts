/**
 * A webhook: each delivery is one signed JSON POST, retried with exponential backoff a bounded number of times.
 * The receiver verifies `X-Tocsin-Signature` (HMAC-SHA256 of the body with the shared secret) and uses the
 * `Idempotency-Key` header to drop repeats (a re-run replay sends the same keys).
 * @module
 */
import { createHmac } from "node:crypto";
import type { AlertMessage } from "./alert-message.js";
import {
  describeError,
  envelopesFor,
  type AlertNotifier,
  type Delivery,
  type DeliveryEnvelope,
  type DeliveryResult,
} from "./notifier.js";

/** The header carrying the body's signature, as `sha256=<hex>`. */
export const SIGNATURE_HEADER = "x-tocsin-signature";
/** The header carrying the delivery's idempotency key. */
export const IDEMPOTENCY_HEADER = "idempotency-key";

/** The shortest shared secret accepted: shorter ones are guessable. */
export const MIN_SECRET_LENGTH = 16;

/** Options of {@link webhookNotifier}. */
export interface WebhookOptions {
  readonly url: string;
  /** Shared secret for the HMAC signature (at least {@link MIN_SECRET_LENGTH} characters). */
  readonly secret: string;
  /** Time allowed for one attempt (default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Attempts per delivery, 1–10 (default 3). */
  readonly maxAttempts?: number;
  /** Wait before the first retry, doubled each retry and capped at 30 s (default 500 ms). */
  readonly backoffMs?: number;
}

/** Thrown at construction (a programming or configuration error, not a delivery failure). */
export class WebhookConfigError extends Error {
  readonly code = "WEBHOOK_CONFIG";
  constructor(message: string) {
    super(message);
    this.name = "WebhookConfigError";
  }
}

/** The signature header value for a body. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Statuses worth retrying: the receiver may succeed later. Other 4xx mean the request itself is refused. */
function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A notifier posting each delivery to `options.url`. */
export function webhookNotifier(options: WebhookOptions): AlertNotifier {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new WebhookConfigError("the webhook address is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new WebhookConfigError("the webhook address must be http:// or https://");
  if (options.secret.length < MIN_SECRET_LENGTH)
    throw new WebhookConfigError(`the webhook secret must have at least ${MIN_SECRET_LENGTH} characters`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = Math.min(10, Math.max(1, Math.floor(options.maxAttempts ?? 3)));
  const backoffMs = Math.max(0, options.backoffMs ?? 500);

  // Errors name the status or the failure, never the address (it may hold a token).
  const attemptOnce = async (
    body: string,
    key: string,
  ): Promise<{ ok: boolean; retry: boolean; error?: string }> => {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signBody(body, options.secret),
          [IDEMPOTENCY_HEADER]: key,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, retry: false };
      return { ok: false, retry: retryable(res.status), error: `HTTP ${res.status}` };
    } catch (e) {
      const name = e instanceof Error ? e.name : "";
      if (name === "TimeoutError" || name === "AbortError")
        return { ok: false, retry: true, error: `timed out after ${timeoutMs} ms` };
      const cause = e instanceof Error ? e.cause : undefined;
      return { ok: false, retry: true, error: `network error: ${describeError(cause ?? e)}` };
    }
  };

  const deliverOne = async (x: DeliveryEnvelope): Promise<Delivery> => {
    const body = JSON.stringify(x);
    const base = { recipient: x.recipient.id, key: x.idempotencyKey };
    let last = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const r = await attemptOnce(body, x.idempotencyKey);
      if (r.ok) return { ...base, status: "delivered", attempts: attempt };
      last = r.error ?? "failed";
      if (!r.retry) return { ...base, status: "failed", attempts: attempt, error: last };
      if (attempt < maxAttempts) await sleep(Math.min(30_000, backoffMs * 2 ** (attempt - 1)));
    }
    return { ...base, status: "failed", attempts: maxAttempts, error: last };
  };

  return {
    name: "webhook",
    async deliver(message: AlertMessage): Promise<DeliveryResult> {
      const deliveries: Delivery[] = [];
      // One at a time: a receiver that is struggling is not hit by a burst.
      for (const x of envelopesFor(message)) deliveries.push(await deliverOne(x));
      return {
        notifier: "webhook",
        alert: message.alert,
        ok: deliveries.every((d) => d.status !== "failed"),
        deliveries,
      };
    },
  };
}
