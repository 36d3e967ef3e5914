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
import { redactCitations, type CaseBundle } from "../domain/index.js";
import {
  buildAlertMessage,
  deliverAlerts,
  fileOutboxNotifier,
  formatDeliveryReport,
  webhookNotifier,
  WebhookConfigError,
  type AlertNotifier,
} from "../notify/index.js";
import { existsSync } from "node:fs";
import { readCase, redactLocation, saveAlerts, type Store } from "../storage/index.js";
import { canonicalJson, sha256Hex } from "../storage/records/canonical-json.js";
import { usageError } from "./cli-error.js";
import { caseDirFrom, readValidCase } from "./case-source.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { formatCitation } from "./timeline.command.js";
import { validLexicon, validRulebook } from "./package-rules.js";

export { validRulebook } from "./package-rules.js";
import { withStore } from "./with-store.js";

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
      payload: a,
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

/** An alert's evidence as it may be printed: citations to confidential sources without their locators. */
function shownEvidence(a: Alert, isConfidential: (sourceId: string) => boolean) {
  return a.evidence.map((e) => ({ ...e, citations: redactCitations(e.citations, isConfidential) }));
}

/** The `--json` document: exactly these keys. Citations to confidential sources carry no locator. */
export function replayJson(result: ReplayResult, isConfidential: (sourceId: string) => boolean): unknown {
  return {
    case: result.case,
    steps: result.steps,
    alerts: result.alerts.map((a) => ({
      date: a.date,
      situation: a.situation,
      level: a.level,
      previousLevel: a.previousLevel,
      score: a.score,
      factors: a.factors,
      ...(a.criteria === undefined
        ? {}
        : { criteria: shownCriteria(a, isConfidential), confidence: a.confidence ?? null }),
      reasons: a.reasons,
      evidence: shownEvidence(a, isConfidential),
      recommendedActions: a.recommendedActions,
      dutyBearers: a.dutyBearers,
    })),
    firstDateByLevel: result.firstDateByLevel,
    evaluation: result.evaluation,
    notices: result.notices,
  };
}

/** An alert's met criteria as they may be printed: citations to confidential sources without their locators. */
function shownCriteria(a: Alert, isConfidential: (sourceId: string) => boolean) {
  return (a.criteria ?? []).map((c) => ({
    ...c,
    conditions: c.conditions.map((d) => ({
      ...d,
      records: d.records.map((r) => ({ ...r, citations: redactCitations(r.citations, isConfidential) })),
    })),
  }));
}

/** One alert as human-readable lines; citations to confidential sources show no locator. */
export function formatAlert(a: Alert, isConfidential: (sourceId: string) => boolean): string {
  const who = a.situation.groupName ?? a.situation.group ?? "(no group targeted)";
  const lines = [
    `${a.date}  ${a.situation.country} · ${who}  ${a.previousLevel} → ${a.level}  (score ${a.score})`,
  ];
  for (const c of a.criteria ?? []) {
    lines.push(`  criterion ${c.id} (${c.confidence ?? "?"}): ${c.text}`);
    for (const d of c.conditions) {
      const more = d.total > d.records.length ? ` and ${d.total - d.records.length} more` : "";
      lines.push(
        `    ${d.id}: ${d.value} (needs ${d.min}, ${d.confidence ?? d.required})${d.records.length > 0 ? ` — ${d.records.map((r) => `${r.record}${r.grade ? ` [${r.grade}]` : ""}`).join(", ")}${more}` : ""}`,
      );
    }
  }
  if (a.factors.length > 0)
    lines.push(`  factors: ${a.factors.map((f) => `${f.factor} ${f.score}`).join(", ")}`);
  for (const r of a.reasons) lines.push(`  why: ${r}`);
  for (const e of shownEvidence(a, isConfidential)) {
    const cites = e.citations.map(formatCitation).join("; ");
    lines.push(
      `  evidence: ${e.record}${e.grade ? ` [${e.grade}]` : ""} (${e.indicators.join(", ")})${cites ? ` — ${cites}` : ""}`,
    );
  }
  if (a.recommendedActions.length > 0)
    lines.push(`  actions: ${a.recommendedActions.map((x) => `${x.kind} by ${x.dueAt}`).join(", ")}`);
  lines.push(
    `  notify: ${a.dutyBearers.length > 0 ? a.dutyBearers.join(", ") : "(no actor with the roles to notify)"}`,
  );
  return lines.join("\n");
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
      const bundle = await replayedCase(ctx, opts);
      const rulebook = await validRulebook(ctx);
      const step = opts.step as ReplayStep;
      const lexicon = await validLexicon(ctx);
      const result = replay(bundle, rulebook, { step, lexicon });
      if (opts.json) printJson(ctx.io, replayJson(result, confidentialIn(bundle)));
      else printAlerts(ctx, result, confidentialIn(bundle));
      ctx.io.err(
        `${result.steps} step(s), ${result.alerts.length} alert(s), rulebook ${rulebook.id} ${rulebook.version}\n`,
      );
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
        const messages = result.alerts.map((a) => buildAlertMessage(a, context));
        const report = await deliverAlerts(notifiers, messages);
        ctx.io.err(formatDeliveryReport(report));
        if (!report.ok) ctx.setExitCode(1);
      }
    });
}

/**
 * The case to replay: a case folder (`--case-dir`, or a built-in `--case`), or — when `--case` names no built-in
 * folder and `--db` is given — the case as stored there (an import case, or one loaded from any folder).
 */
async function replayedCase(ctx: CliContext, opts: ReplayOptions): Promise<CaseBundle> {
  const dir = caseDirFrom(ctx, opts);
  if (opts.case === undefined || opts.db === undefined || existsSync(dir)) return readValidCase(ctx, dir);
  const id = opts.case;
  const bundle = await withStore(opts.db, (store) => readCase(store, id));
  if (bundle === undefined)
    throw usageError(
      `--case "${id}" is neither a built-in case nor a case in ${redactLocation(opts.db)}: import or load it first`,
    );
  return bundle;
}

/** The human-readable output: each alert, the first date of each level and the lead times. */
function printAlerts(
  ctx: CliContext,
  result: ReplayResult,
  isConfidential: (sourceId: string) => boolean,
): void {
  for (const a of result.alerts) ctx.io.out(`${formatAlert(a, isConfidential)}\n\n`);
  const first = Object.entries(result.firstDateByLevel)
    .map(([level, d]) => `${level} ${d ?? "never"}`)
    .join(", ");
  ctx.io.out(`first date by level: ${first}\n`);
  if (result.evaluation) {
    const lead = Object.entries(result.evaluation.leadTimeDays)
      .map(([level, d]) => `${level} ${d === null ? "never" : `${d} day(s)`}`)
      .join(", ");
    ctx.io.out(`lead time before the onset ${result.evaluation.onset}: ${lead}\n`);
  }
}
