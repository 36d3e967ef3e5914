/**
 * E-mail over SMTP (nodemailer): one message per delivery, its Message-ID derived from the idempotency key, so a
 * retried delivery is the same message to the receiving server. The receipt is the server's reply.
 * @module
 */
import nodemailer from "nodemailer";
import { describeError } from "../../notify/notifier.js";
import { renderEmail } from "../email-template.js";
import type { AttemptResult, ChannelDelivery, DeskChannel } from "./channel.js";

/** SMTP settings. */
export interface EmailOptions {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure?: boolean;
  readonly user?: string;
  readonly password?: string;
  /** The sender address. */
  readonly from: string;
  /** Domain of the Message-IDs (default: the sender's). */
  readonly messageIdDomain?: string;
  /** Time allowed to connect and to answer, in ms (default 10 000). */
  readonly timeoutMs?: number;
}

/** The Message-ID of a delivery. */
export function messageIdOf(key: string, domain: string): string {
  return `<${key}@${domain}>`;
}

/** A permanent SMTP refusal (5xx) is not retried; a temporary one (4xx) or a network error is. */
function retryable(e: unknown): boolean {
  const code = (e as { responseCode?: unknown }).responseCode;
  return typeof code !== "number" || code < 500;
}

/** An e-mail channel. */
export function emailChannel(o: EmailOptions): DeskChannel {
  const timeout = o.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: o.secure ?? false,
    ...(o.user === undefined ? {} : { auth: { user: o.user, pass: o.password ?? "" } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const domain = o.messageIdDomain ?? (o.from.split("@")[1]?.replace(/>.*$/, "") || "tocsin.invalid");
  return {
    name: "email",
    async send(d: ChannelDelivery): Promise<AttemptResult> {
      const mail = renderEmail(d.message, d.answerLink);
      try {
        const info = await transport.sendMail({
          from: o.from,
          to: d.address,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: messageIdOf(d.key, domain),
          headers: {
            "Content-Language": d.message.language,
            "X-Tocsin-Delivery": d.key,
            "X-Tocsin-Warning": d.message.warning.id,
          },
        });
        return { ok: true, receipt: String(info.response ?? "accepted") };
      } catch (e) {
        const response = (e as { response?: unknown }).response;
        return {
          ok: false,
          retry: retryable(e),
          error: typeof response === "string" ? response : describeError(e),
          ...(typeof response === "string" ? { receipt: response } : {}),
        };
      }
    },
    async close() {
      transport.close();
    },
  };
}
