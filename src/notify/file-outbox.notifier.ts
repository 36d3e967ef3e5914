/**
 * A file outbox: each delivery is one JSON line appended to a file, keyed so that delivering the same message
 * again (re-running a replay) adds nothing. Another process, or an operator, forwards the lines.
 * @module
 */
import { appendFile, readFile } from "node:fs/promises";
import type { AlertMessage } from "./alert-message.js";
import {
  describeError,
  envelopesFor,
  type AlertNotifier,
  type Delivery,
  type DeliveryResult,
} from "./notifier.js";

/** Keys already in the outbox; a missing file holds none. Lines that are not JSON envelopes are skipped. */
async function keysIn(file: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as { code?: unknown }).code === "ENOENT") return new Set();
    throw e;
  }
  const keys = new Set<string>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const key = (JSON.parse(line) as { idempotencyKey?: unknown }).idempotencyKey;
      if (typeof key === "string") keys.add(key);
    } catch {
      // A torn or foreign line does not stop deliveries; it is left as it is.
    }
  }
  return keys;
}

/** A notifier appending to the JSON-lines file `file`. Deliveries from one instance are serialised. */
export function fileOutboxNotifier(file: string): AlertNotifier {
  let queue: Promise<unknown> = Promise.resolve();
  const deliverNow = async (message: AlertMessage): Promise<DeliveryResult> => {
    const envelopes = envelopesFor(message);
    const result = (deliveries: Delivery[]): DeliveryResult => ({
      notifier: "outbox",
      alert: message.alert,
      ok: deliveries.every((d) => d.status !== "failed"),
      deliveries,
    });
    if (envelopes.length === 0) return result([]);
    let seen: Set<string>;
    try {
      seen = await keysIn(file);
    } catch (e) {
      const error = `cannot read the outbox: ${describeError(e)}`;
      return result(
        envelopes.map((x) => ({
          recipient: x.recipient.id,
          key: x.idempotencyKey,
          status: "failed",
          attempts: 1,
          error,
        })),
      );
    }
    const fresh = envelopes.filter((x) => !seen.has(x.idempotencyKey));
    let error: string | undefined;
    if (fresh.length > 0) {
      try {
        // One append for the whole message, so a message is never half in the outbox.
        await appendFile(file, fresh.map((x) => `${JSON.stringify(x)}\n`).join(""), "utf8");
      } catch (e) {
        error = `cannot append to the outbox: ${describeError(e)}`;
      }
    }
    return result(
      envelopes.map((x): Delivery => {
        const base = { recipient: x.recipient.id, key: x.idempotencyKey };
        if (seen.has(x.idempotencyKey)) return { ...base, status: "duplicate", attempts: 0 };
        return error === undefined
          ? { ...base, status: "delivered", attempts: 1 }
          : { ...base, status: "failed", attempts: 1, error };
      }),
    );
  };
  return {
    name: "outbox",
    deliver(message) {
      const next = queue.then(() => deliverNow(message));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
