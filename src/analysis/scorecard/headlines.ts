/**
 * The scorecard's headline figures as short lines, for the `demo` summary and the top of every report.
 * @module
 */
import { median } from "../median.js";
import { usd, years } from "./punishment-findings.js";
import type { WarningEntry } from "../ledger/ledger.js";
import type { Scorecard } from "./scorecard.js";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "3 warnings (3 never acted on), 4 requested actions: 1 refused, … ; median 1 day to a first response". */
function warningLine(warnings: readonly WarningEntry[], word: string): string {
  const requests = warnings.flatMap((w) => w.requests);
  const count = (s: string) => requests.filter((q) => q.status === s).length;
  const withoutAction = warnings.filter((w) => w.firstActionAt === undefined).length;
  const lag = median(
    warnings.flatMap((w) => (w.daysToFirstResponse === undefined ? [] : [w.daysToFirstResponse])),
  );
  // A lapse measured against the default window or an editorial date rests on an assumed due date: say so.
  const assumed = requests.filter((q) => q.status === "lapsed" && q.dueAssumed).length;
  const lapsed = `${count("lapsed")} lapsed${assumed > 0 ? ` (due date assumed for ${assumed})` : ""}`;
  return `${plural(warnings.length, word)} (${withoutAction} never acted on), ${plural(requests.length, "requested action")}: ${count("refused")} refused, ${lapsed}, ${count("acknowledged")} answered without action, ${count("acted")} acted on${lag === undefined ? "" : `; median ${plural(lag, "day")} to a first response`}`;
}

/**
 * Headline lines of a scorecard, prevention first, then punishment.
 * @example scorecardHeadlines(sc)[0] // "Prevention: 12 warnings, 9 requested actions: 2 refused, 3 lapsed, 1 acted on"
 */
export function scorecardHeadlines(sc: Scorecard): string[] {
  const lines: string[] = [];
  // Warnings from the record and engine alerts are counted apart: for a past case the alerts are counterfactual
  // (nobody received them), and mixing them in would change what the headline says about the duty-bearers.
  const human = sc.ledger.warnings.filter((w) => w.origin === "human");
  const engine = sc.ledger.warnings.filter((w) => w.origin === "engine");
  lines.push(`Prevention: ${warningLine(human, "warning")}`);
  if (engine.length > 0) lines.push(`Engine alerts in the ledger: ${warningLine(engine, "alert")}`);
  // Undetermined commitments (delivery unknown, no due date) are neither delivered nor overdue: left out of the
  // denominator and named apart.
  const overdue = sc.commitments.filter((c) => c.status === "overdue");
  const undeterminedCommitments = sc.commitments.filter((c) => c.status === "undetermined").length;
  const assumedDue = overdue.filter((c) => c.dueAssumed).length;
  lines.push(
    `Commitments not delivered when due: ${overdue.length} of ${sc.commitments.length - undeterminedCommitments}${assumedDue > 0 ? ` (due date assumed for ${assumedDue})` : ""}${undeterminedCommitments > 0 ? `; ${undeterminedCommitments} undetermined (delivery not known, no due date)` : ""}`,
  );
  // Mandates whose tasks are not known are undetermined: left out of the count and reported apart.
  const mandateGaps = sc.gaps.mandates.filter((m) => m.gap === true).length;
  const undetermined = sc.gaps.mandates.filter((m) => m.gap === null).length;
  const forceGaps = sc.gaps.capabilities.filter((c) => c.gap).length;
  lines.push(
    `Mandates in force at high risk or above without protection of civilians: ${mandateGaps}${undetermined > 0 ? ` (${undetermined} more undetermined: tasks not known)` : ""}; forces within reach not tasked to protect civilians at imminent risk or above: ${forceGaps}`,
  );
  for (const d of sc.gaps.deploymentDelays) {
    lines.push(
      `Decision to deployment: ${d.missionName} decided ${d.decidedAt}, deployed ${d.deployedAt} (${d.days} days)`,
    );
  }
  if (sc.naming) {
    const named = sc.naming.actors.filter((a) => a.firstNamingAt !== undefined);
    const first = named
      .map(
        (a) =>
          `${a.name} ${a.firstNamingAt ?? ""}${a.namingLagDays === undefined ? "" : ` (${a.namingLagDays} days after onset)`}`,
      )
      .slice(0, 3);
    lines.push(
      `Naming: ${named.length} of ${sc.naming.actors.length} actors named the crime${first.length > 0 ? `; first: ${first.join("; ")}` : ""}`,
    );
  }
  for (const t of sc.accountability.tribunals) {
    const o = t.outcomes;
    const parts = [`${o.convicted} convicted, ${o.acquitted} acquitted`];
    if (t.convictionRate !== undefined) parts.push(`conviction rate ${Math.round(t.convictionRate * 100)}%`);
    if (t.costPerAccusedJudgedUsd !== undefined)
      parts.push(
        `${t.budgetApproximate ? "about " : ""}${usd(t.costPerAccusedJudgedUsd)} per accused judged`,
      );
    if (t.maxYearsBeforeFirstJudgment !== undefined)
      parts.push(`longest detention before first judgment ${years(t.maxYearsBeforeFirstJudgment)}`);
    if (t.sidesNeverProsecuted.length > 0) {
      const names = t.sides.filter((s) => s.flagged).map((s) => s.name);
      parts.push(`never prosecuted despite documented crimes: ${names.join(", ")}`);
    }
    if (t.outsideMandate.length > 0)
      parts.push(`${t.outsideMandate.length} documented incident(s) outside its mandate`);
    lines.push(`Punishment (${t.name}): ${parts.join("; ")}`);
  }
  return lines;
}
