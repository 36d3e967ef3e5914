/**
 * The file outbox for desk deliveries: one JSON line per delivery appended to the contact point's file, skipped
 * when a line with its key is there already. The receipt names the line's key.
 * @module
 */
import { appendFile, readFile } from "node:fs/promises";
import { describeError } from "../../notify/notifier.js";
import type { AttemptResult, ChannelDelivery, DeskChannel } from "./channel.js";

async function hasKey(file: string, key: string): Promise<boolean> {
  try {
    return (await readFile(file, "utf8")).includes(`"idempotencyKey":"${key}"`);
  } catch (e) {
    if ((e as { code?: unknown }).code === "ENOENT") return false;
    throw e;
  }
}

/** A file-outbox channel (deliveries of one process are serialised, so a key is never appended twice by it). */
export function outboxChannel(): DeskChannel {
  let queue: Promise<unknown> = Promise.resolve();
  const sendNow = async (d: ChannelDelivery): Promise<AttemptResult> => {
    try {
      if (await hasKey(d.address, d.key)) return { ok: true, receipt: `already in the outbox: ${d.key}` };
      const line = JSON.stringify({ idempotencyKey: d.key, message: d.message, answerLink: d.answerLink });
      await appendFile(d.address, `${line}\n`, "utf8");
      return { ok: true, receipt: `appended: ${d.key}` };
    } catch (e) {
      return { ok: false, retry: true, error: `cannot write the outbox: ${describeError(e)}` };
    }
  };
  return {
    name: "outbox",
    send(d) {
      const next = queue.then(() => sendNow(d));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
