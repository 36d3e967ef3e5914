/**
 * `tocsin replay (--case ID | --case-dir DIR) [--step day|week|month] [--json] [--db PATH] [--outbox FILE]
 * [--webhook URL]`: walk a case through its period with the early-warning engine, using at each step only what
 * was known then, and print the alerts in order; optionally store them and deliver them to duty-bearers.
 * @module
 */
import type { Command } from "commander";
import {
  REPLAY_STEPS,
  replay,
  type Alert,
  type ReplayResult,
  type ReplayStep,
  type ValidRulebook,
} from "../engine/index.js";
import type { CaseBundle } from "../domain/index.js";
import {
  buildAlertMessage,
  deliverAlerts,
  fileOutboxNotifier,
  formatDeliveryReport,
  webhookNotifier,
  WebhookConfigError,
  type AlertNotifier,
  type MessageContext,
} from "../notify/index.js";
import { existsSync } from "node:fs";
import { redactLocation, saveAlerts, type Store } from "../storage/index.js";
import { canonicalJson, sha256Hex } from "../storage/records/canonical-json.js";
import { usageError } from "./cli-error.js";
import { caseDirFrom, readValidCase } from "./case-source.js";
import type { CliContext } from "./context.js";
import { withEvidenceQueries } from "./replay-json.js";
import { validLexicon, validRulebook } from "./package-rules.js";

export { validRulebook } from "./package-rules.js";
export { replayJson } from "./replay-json.js";
import { withStore } from "./with-store.js";
import { replayFromStore } from "./replay-from-store.js";
import { printReplay } from "./replay-print.js";

export { formatAlert } from "./replay-print.js";

interface ReplayOptions {
  case?: string;
  caseDir?: string;
  step: string;
  json?: boolean;
  db?: string;
  outbox?: string;
  webhook?: string;
}

/** The environment variable holding the webhook's shared secret (passed in `ctx.env`). */
export const WEBHOOK_SECRET_ENV = "TOCSIN_WEBHOOK_SECRET";

/**
 * The run id of a replay: derived from the case's content, the rulebook's id and version, the step and the
 * period replayed, so replaying the same case with the same rulebook again replaces (and logs) nothing.
 */
export function replayRunId(
  bundle: CaseBundle,
  rulebook: ValidRulebook,
  step: ReplayStep,
  result: ReplayResult,
): string {
  const digest = sha256Hex(
    canonicalJson({
      case: bundle,
      rulebook: [rulebook.id, rulebook.version],
      step,
      from: result.from,
      to: result.to,
    }),
  );
  return `replay-${step}-${digest.slice(0, 16)}`;
}

/**
 * Store a replay's alerts (each payload is the engine's alert) under its {@link replayRunId}.
 * @returns the number of alerts stored and the run id.
 */
export async function storeReplayAlerts(
  store: Store,
  bundle: CaseBundle,
  rulebook: ValidRulebook,
  step: ReplayStep,
  result: ReplayResult,
): Promise<{ stored: number; runId: string }> {
  const runId = replayRunId(bundle, rulebook, step, result);
  const stored = await saveAlerts(
    store,
    bundle.manifest.id,
    runId,
    result.alerts.map((a) => ({
      date: a.date,
      situation: a.situation.id,
      level: a.level,
      previousLevel: a.previousLevel,
      payload: withEvidenceQueries(bundle.manifest.id, a),
    })),
  );
  return { stored, runId };
}

/** The notifiers the options ask for; a webhook without a usable secret or address is a usage error. */
function notifiersFrom(ctx: CliContext, opts: ReplayOptions): AlertNotifier[] {
  const out: AlertNotifier[] = [];
  if (opts.outbox !== undefined) out.push(fileOutboxNotifier(opts.outbox));
  if (opts.webhook !== undefined) {
    const secret = ctx.env[WEBHOOK_SECRET_ENV];
    if (!secret) throw usageError(`--webhook needs the shared secret in ${WEBHOOK_SECRET_ENV}`);
    try {
      out.push(webhookNotifier({ url: opts.webhook, secret }));
    } catch (e) {
      if (e instanceof WebhookConfigError) throw usageError(`--webhook: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/** A test for "is this source id confidential in the case", from the case's sources. */
export function confidentialIn(bundle: CaseBundle): (sourceId: string) => boolean {
  const ids = new Set(bundle.records.source.filter((s) => s.confidential).map((s) => s.id));
  return (id) => ids.has(id);
}

/** Register `replay`. */
export function registerReplayCommand(program: Command, ctx: CliContext): void {
  program
    .command("replay")
    .description(
      "replay a case through the early-warning engine, as known on each step, and print its alerts",
    )
    .option(
      "--case <id>",
      "a built-in case, or with --db a case held in that store (an imported case such as import-acled)",
    )
    .option("--case-dir <dir>", "any case folder")
    .option(
      "--step <step>",
      "day, week or month (also assesses every day a record becomes known, so dates do not depend on it)",
      "week",
    )
    .option("--json", "print one JSON document")
    .option(
      "--db <path>",
      "store the alerts in this store (SQLite file or postgres:// URL); a --case that is not built in is read from it",
    )
    .option("--outbox <file>", "deliver the alerts as JSON lines appended to this file (no duplicates)")
    .option("--webhook <url>", `POST the alerts here, signed with ${WEBHOOK_SECRET_ENV}`)
    .action(async (opts: ReplayOptions) => {
      if (!(REPLAY_STEPS as readonly string[]).includes(opts.step))
        throw usageError(`--step "${opts.step}" must be day, week or month`);
      const notifiers = notifiersFrom(ctx, opts);
      const dir = caseDirFrom(ctx, opts);
      const step = opts.step as ReplayStep;
      // A --case that names no built-in folder is read from the store, streamed (see replay-from-store.ts).
      if (opts.case !== undefined && opts.db !== undefined && !existsSync(dir)) {
        const rules = { rulebook: await validRulebook(ctx), lexicon: await validLexicon(ctx) };
        const stored = { ...opts, case: opts.case, db: opts.db, notify: notifiers.length > 0 };
        const done = await replayFromStore(ctx, stored, step, rules);
        if (notifiers.length > 0) await deliver(ctx, notifiers, done.alerts, done.context);
        return;
      }
      const bundle = await readValidCase(ctx, dir);
      const rulebook = await validRulebook(ctx);
      const lexicon = await validLexicon(ctx);
      const result = replay(bundle, rulebook, { step, lexicon });
      printReplay(ctx, opts.json === true, result, confidentialIn(bundle), rulebook);
      if (opts.db !== undefined) {
        const location = opts.db;
        const { stored, runId } = await withStore(
          location,
          (store) => storeReplayAlerts(store, bundle, rulebook, step, result),
          { signPending: true },
        );
        ctx.io.err(`stored ${stored} alert(s) as run ${runId} in ${redactLocation(location)}\n`);
      }
      if (notifiers.length > 0) {
        const context = {
          caseId: bundle.manifest.id,
          actors: bundle.records.actor,
          sources: bundle.records.source,
        };
        await deliver(ctx, notifiers, result.alerts, context);
      }
    });
}

/** Deliver the alerts through every notifier; a failed delivery makes the exit code 1. */
async function deliver(
  ctx: CliContext,
  notifiers: readonly AlertNotifier[],
  alerts: readonly Alert[],
  context: MessageContext,
): Promise<void> {
  const messages = alerts.map((a) => buildAlertMessage(a, context));
  const report = await deliverAlerts(notifiers, messages);
  ctx.io.err(formatDeliveryReport(report));
  if (!report.ok) ctx.setExitCode(1);
}
