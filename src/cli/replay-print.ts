/**
 * How a replay is printed: one JSON document (streamed, see replay-json.ts) or each alert as lines, then the
 * first date of each level and the lead times; a summary line on stderr either way. The alerts come from the
 * result, or one at a time from where a long run set them aside.
 * @module
 */
import type { Alert, ReplayResult, ValidRulebook } from "../engine/index.js";
import type { CliContext } from "./context.js";
import { evidenceQuery, printReplayJson, replayJsonPrinter, shownEvidence } from "./replay-json.js";
import { formatCitation } from "./timeline.command.js";

/**
 * Print a replay's result on stdout (`json`: one document) and its summary on stderr.
 * @example printReplay(ctx, true, result, confidentialIn(bundle), rulebook)
 */
export function printReplay(
  ctx: CliContext,
  json: boolean,
  result: ReplayResult,
  isConfidential: (sourceId: string) => boolean,
  rulebook: ValidRulebook,
): void {
  if (json) printReplayJson(ctx.io, result, isConfidential);
  else printAlerts(ctx, result, isConfidential);
  printSummary(ctx, result.steps, result.alerts.length, rulebook);
}

/**
 * {@link printReplay} for a run whose alerts were set aside as it went (`result.alerts` is empty): the same
 * text, the `count` alerts read from `alerts` one at a time.
 * @example await printReplayStream(ctx, true, result, spool.alerts(), spool.count, isConfidential, rulebook)
 */
export async function printReplayStream(
  ctx: CliContext,
  json: boolean,
  result: ReplayResult,
  alerts: AsyncIterable<Alert>,
  count: number,
  isConfidential: (sourceId: string) => boolean,
  rulebook: ValidRulebook,
): Promise<void> {
  if (json) {
    const doc = replayJsonPrinter(ctx.io, result.case, result.steps, isConfidential);
    for await (const a of alerts) doc.alert(a);
    doc.end(result);
  } else {
    for await (const a of alerts) ctx.io.out(`${formatAlert(a, isConfidential, result.case)}\n\n`);
    printLevels(ctx, result);
  }
  printSummary(ctx, result.steps, count, rulebook);
}

function printSummary(ctx: CliContext, steps: number, alerts: number, rulebook: ValidRulebook): void {
  ctx.io.err(`${steps} step(s), ${alerts} alert(s), rulebook ${rulebook.id} ${rulebook.version}\n`);
}

/** One alert as human-readable lines; citations to confidential sources show no locator. */
export function formatAlert(
  a: Alert,
  isConfidential: (sourceId: string) => boolean,
  caseId?: string,
): string {
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
      if (more !== "" && caseId !== undefined)
        lines.push(`      the rest: ${evidenceQuery(caseId, a, c.id, d).cli}`);
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

/** The human-readable output: each alert, the first date of each level and the lead times. */
function printAlerts(
  ctx: CliContext,
  result: ReplayResult,
  isConfidential: (sourceId: string) => boolean,
): void {
  for (const a of result.alerts) ctx.io.out(`${formatAlert(a, isConfidential, result.case)}\n\n`);
  printLevels(ctx, result);
}

/** The first date of each level and the lead times. */
function printLevels(ctx: CliContext, result: ReplayResult): void {
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
