/**
 * The signed webhook for desk deliveries: one JSON POST per attempt, signed like the alert webhook
 * (`X-Tocsin-Signature`), its `Idempotency-Key` the delivery's key, so a receiver drops repeats. The receipt is
 * the HTTP status.
 * @module
 */
import { describeError } from "../../notify/notifier.js";
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signBody } from "../../notify/webhook.notifier.js";
import type { AttemptResult, ChannelDelivery, DeskChannel } from "./channel.js";

export interface DeskWebhookOptions {
  /** Shared secret for the HMAC signature. */
  readonly secret: string;
  /** Time allowed for one attempt, in ms (default 10 000). */
  readonly timeoutMs?: number;
}

/** A webhook channel: the contact point's address is the URL. */
export function webhookChannel(o: DeskWebhookOptions): DeskChannel {
  const timeoutMs = o.timeoutMs ?? 10_000;
  return {
    name: "webhook",
    async send(d: ChannelDelivery): Promise<AttemptResult> {
      const body = JSON.stringify({ idempotencyKey: d.key, message: d.message, answerLink: d.answerLink });
      try {
        const res = await fetch(d.address, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [SIGNATURE_HEADER]: signBody(body, o.secret),
            [IDEMPOTENCY_HEADER]: d.key,
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
        await res.arrayBuffer().catch(() => undefined);
        const receipt = `HTTP ${res.status}`;
        if (res.ok) return { ok: true, receipt };
        const retry = res.status >= 500 || res.status === 408 || res.status === 429;
        return { ok: false, retry, error: receipt, receipt };
      } catch (e) {
        // Never the address: it may hold a token.
        const cause = e instanceof Error ? e.cause : undefined;
        return { ok: false, retry: true, error: `network error: ${describeError(cause ?? e)}` };
      }
    },
  };
}
