/**
 * Deliver a run's alert messages through every notifier and sum up what happened, for the CLI to print.
 * @module
 */
import type { AlertMessage } from "./alert-message.js";
import type { AlertNotifier, DeliveryResult } from "./notifier.js";

/** The report of delivering many messages. */
export interface DeliveryReport {
  readonly results: readonly DeliveryResult[];
  /** Per notifier: deliveries made, skipped as already delivered, and failed. */
  readonly totals: Readonly<Record<string, { delivered: number; duplicate: number; failed: number }>>;
  readonly ok: boolean;
}

/** Deliver each message through each notifier, in order. Never throws for a failed delivery. */
export async function deliverAlerts(
  notifiers: readonly AlertNotifier[],
  messages: readonly AlertMessage[],
): Promise<DeliveryReport> {
  const results: DeliveryResult[] = [];
  const totals: Record<string, { delivered: number; duplicate: number; failed: number }> = {};
  for (const n of notifiers) {
    const t = (totals[n.name] ??= { delivered: 0, duplicate: 0, failed: 0 });
    for (const m of messages) {
      const r = await n.deliver(m);
      results.push(r);
      for (const d of r.deliveries) t[d.status] += 1;
    }
  }
  return { results, totals, ok: results.every((r) => r.ok) };
}

/** The report as lines for stderr: one total per notifier, then each failure. */
export function formatDeliveryReport(report: DeliveryReport): string {
  const lines = Object.entries(report.totals).map(
    ([name, t]) =>
      `delivery via ${name}: ${t.delivered} delivered, ${t.duplicate} already delivered, ${t.failed} failed`,
  );
  for (const r of report.results)
    for (const d of r.deliveries)
      if (d.status === "failed")
        lines.push(
          `  failed: ${r.notifier} ${r.alert} → ${d.recipient} after ${d.attempts} attempt(s): ${d.error}`,
        );
  return `${lines.join("\n")}\n`;
}
