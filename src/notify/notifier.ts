/**
 * The one interface every alert channel implements, what a delivery reports, and the envelope (one per
 * duty-bearer, with an idempotency key) that channels carry.
 * @module
 */
import { createHash } from "node:crypto";
import type { AlertMessage, MessageRecipient } from "./alert-message.js";

/** How one delivery to one duty-bearer ended. `duplicate`: this key was delivered before, nothing was sent. */
export type DeliveryStatus = "delivered" | "duplicate" | "failed";

/** One duty-bearer's delivery. */
export interface Delivery {
  readonly recipient: string;
  readonly key: string;
  readonly status: DeliveryStatus;
  /** Attempts made (0 for a duplicate). */
  readonly attempts: number;
  /** Why it failed; never the endpoint's address or a secret. */
  readonly error?: string;
}

/** The report of delivering one message: failures are listed here, never thrown. */
export interface DeliveryResult {
  readonly notifier: string;
  readonly alert: string;
  /** True when no delivery failed (also when the alert had no duty-bearer to notify). */
  readonly ok: boolean;
  readonly deliveries: readonly Delivery[];
}

/** A channel that delivers alert messages to duty-bearers. */
export interface AlertNotifier {
  readonly name: string;
  /** Deliver the message to each of its duty-bearers. Resolves with a report; never rejects. */
  deliver(message: AlertMessage): Promise<DeliveryResult>;
}

/** What a channel carries for one duty-bearer. */
export interface DeliveryEnvelope {
  readonly idempotencyKey: string;
  readonly recipient: MessageRecipient;
  readonly message: AlertMessage;
}

/**
 * The idempotency key of a message to a recipient: the same message to the same duty-bearer always has the same
 * key, so re-running a replay delivers nothing new; a changed message (new evidence) gets a new key.
 */
export function deliveryKey(message: AlertMessage, recipient: string): string {
  const digest = createHash("sha256").update(JSON.stringify(message)).digest("hex");
  return createHash("sha256")
    .update(`${message.caseId}\u0000${message.alert}\u0000${recipient}\u0000${digest}`)
    .digest("hex")
    .slice(0, 32);
}

/** The envelopes of a message, one per duty-bearer, in the message's order. */
export function envelopesFor(message: AlertMessage): DeliveryEnvelope[] {
  return message.dutyBearers.map((recipient) => ({
    idempotencyKey: deliveryKey(message, recipient.id),
    recipient,
    message,
  }));
}

/** A short, safe description of an error (its code or name and message, no stack). */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === "string" ? `${code}` : `${e.name}: ${e.message}`;
  }
  return String(e);
}
