/**
 * The one interface of a desk channel: one attempt at one delivery, which resolves with what the far end said
 * and never rejects. The dispatcher decides about retries.
 * @module
 */
import type { DeskMessage } from "../desk-message.js";

/** One delivery as a channel sees it. */
export interface ChannelDelivery {
  /** The idempotency key (the e-mail's Message-ID, the webhook's Idempotency-Key header). */
  readonly key: string;
  readonly address: string;
  readonly message: DeskMessage;
  readonly answerLink: string;
}

/** How one attempt ended. */
export type AttemptResult =
  | { readonly ok: true; readonly receipt: string }
  | { readonly ok: false; readonly retry: boolean; readonly error: string; readonly receipt?: string };

export interface DeskChannel {
  readonly name: string;
  send(d: ChannelDelivery): Promise<AttemptResult>;
  close?(): Promise<void>;
}
