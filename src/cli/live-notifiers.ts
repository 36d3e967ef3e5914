/**
 * Where `tocsin serve` delivers the alerts of the live assessment, read from the environment the composition
 * root passes in: `TOCSIN_ALERT_OUTBOX` (a file of JSON lines) and `TOCSIN_ALERT_WEBHOOK` (signed with
 * `TOCSIN_WEBHOOK_SECRET`, like `tocsin replay --webhook`).
 * @module
 */
import {
  fileOutboxNotifier,
  webhookNotifier,
  WebhookConfigError,
  type AlertNotifier,
} from "../notify/index.js";
import { usageError } from "./cli-error.js";

export const ALERT_OUTBOX_ENV = "TOCSIN_ALERT_OUTBOX";
export const ALERT_WEBHOOK_ENV = "TOCSIN_ALERT_WEBHOOK";
const SECRET_ENV = "TOCSIN_WEBHOOK_SECRET";

/**
 * The notifiers the environment configures (none when neither variable is set).
 * @throws CliError (usage) for a webhook without its secret or with an unusable address.
 */
export function liveNotifiersFrom(env: Readonly<Record<string, string | undefined>>): AlertNotifier[] {
  const out: AlertNotifier[] = [];
  const outbox = env[ALERT_OUTBOX_ENV];
  if (outbox) out.push(fileOutboxNotifier(outbox));
  const url = env[ALERT_WEBHOOK_ENV];
  if (url) {
    const secret = env[SECRET_ENV];
    if (!secret) throw usageError(`${ALERT_WEBHOOK_ENV} needs the shared secret in ${SECRET_ENV}`);
    try {
      out.push(webhookNotifier({ url, secret }));
    } catch (e) {
      if (e instanceof WebhookConfigError) throw usageError(`${ALERT_WEBHOOK_ENV}: ${e.message}`);
      throw e;
    }
  }
  return out;
}
