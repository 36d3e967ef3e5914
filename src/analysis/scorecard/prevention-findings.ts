/**
 * Findings on the duty to prevent: warnings and what was done about them, escalations, commitments, mandate
 * and capability gaps, deployment delays, drawdowns and naming.
 * @module
 */
import type { CaseBundle } from "../../domain/index.js";
import type { CommitmentState } from "../commitments.js";
import type { Gaps } from "../gaps/gaps.js";
import type { Ledger, WarningEntry } from "../ledger/ledger.js";
import type { RequestState } from "../ledger/request-status.js";
import type { NamingReport } from "../naming/naming-monitor.js";
import { days, FindingMaker, type Finding } from "./finding.js";

function requestFinding(fm: FindingMaker, w: WarningEntry, q: RequestState, window: number): Finding {
  const base = {
    id: `request:${w.warning}:${q.action}`,
    duty: "prevention" as const,
    topic: "warnings" as const,
    date: q.askedAt,
    evidence: [w.warning, ...q.responses],
  };
  const asked = `"${q.description}" (${q.kind}), asked by ${fm.name(w.sender)} of ${fm.listNames(q.addressees)} on ${q.askedAt}`;
  const figures = {
    status: q.status,
    askedAt: q.askedAt,
    dueAt: q.dueAt,
    dueSource: q.dueSource,
    dueAssumed: q.dueAssumed,
    daysToFirstResponse: q.daysToFirstResponse ?? null,
    daysToAction: q.daysToAction ?? null,
  };
  switch (q.status) {
    case "refused":
      return fm.make({
        ...base,
        verdict: "gap",
        text: `${asked}: refused in ${days(q.daysToFirstResponse ?? 0)}${q.refusalReason ? ` (reason: ${q.refusalReason})` : ""}.`,
        figures: { ...figures, refusalReason: q.refusalReason ?? null },
      });
    case "lapsed":
      return fm.make({
        ...base,
        verdict: "gap",
        text: `${asked}: no response by ${q.dueAt}${q.dueSource === "default" ? ` (due date assumed: default window of ${days(window)})` : q.dueAssumed ? " (due date assumed)" : ""}; lapsed on ${q.lapsedAt ?? ""}.`,
        figures: { ...figures, lapsedAt: q.lapsedAt ?? null },
      });
    case "acted":
      return fm.make({
        ...base,
        verdict: q.extent === "full" ? "met" : "gap",
        text: `${asked}: acted on (${q.extent ?? "unstated"}) in ${days(q.daysToAction ?? 0)}.`,
        figures: { ...figures, extent: q.extent ?? null },
      });
    case "acknowledged":
      return fm.make({
        ...base,
        verdict: "gap",
        text: `${asked}: answered in ${days(q.daysToFirstResponse ?? 0)}, no action taken.`,
        figures,
      });
    case "open":
      return fm.make({ ...base, verdict: "info", text: `${asked}: open, due ${q.dueAt}.`, figures });
  }
}

function warningFinding(fm: FindingMaker, w: WarningEntry, asOf: string): Finding {
  const acted = w.firstActionAt !== undefined;
  const who = `${w.origin === "engine" ? "Engine alert" : "Warning"} from ${fm.name(w.sender)} to ${fm.listNames(w.recipients)} on ${w.sentAt} (${w.channel})`;
  const text = acted
    ? `${who}: first action after ${days(w.daysToAction ?? 0)}.`
    : w.firstResponseAt !== undefined
      ? `${who}: answered after ${days(w.daysToFirstResponse ?? 0)}, no action as of ${asOf}.`
      : `${who}: no response and no action as of ${asOf}.`;
  return fm.make({
    id: `warning:${w.warning}`,
    duty: "prevention",
    topic: "warnings",
    verdict: acted ? "met" : "gap",
    text,
    date: w.sentAt,
    figures: {
      requests: w.requests.length,
      responses: w.responses.length,
      daysToFirstResponse: w.daysToFirstResponse ?? null,
      daysToAction: w.daysToAction ?? null,
      acted,
    },
    evidence: [w.warning, ...w.evidence, ...w.responses],
  });
}

/** Findings on warnings, requests and escalations. */
export function ledgerFindings(bundle: CaseBundle, ledger: Ledger): Finding[] {
  const fm = new FindingMaker(bundle);
  const out: Finding[] = [];
  for (const w of ledger.warnings) {
    out.push(warningFinding(fm, w, ledger.asOf));
    for (const q of w.requests) out.push(requestFinding(fm, w, q, ledger.responseWindowDays));
  }
  for (const e of ledger.escalations) {
    out.push(
      fm.make({
        id: `escalation:${e.warning}:${e.action}`,
        duty: "prevention",
        topic: "escalation",
        verdict: "info",
        text: e.exhausted
          ? `Request ${e.action} lapsed on ${e.at}; the escalation chain is exhausted${e.fromRole ? ` at "${e.fromRole}"` : ""}.`
          : `Request ${e.action} lapsed on ${e.at}: escalate from ${e.fromRole ? `"${e.fromRole}"` : "outside the chain"} to "${e.toRole ?? ""}" (${fm.listNames(e.toActors)}).`,
        date: e.at,
        figures: { fromRole: e.fromRole ?? null, toRole: e.toRole ?? null, exhausted: e.exhausted },
        evidence: [e.warning, ...e.toActors],
      }),
    );
  }
  return out;
}

/** Findings on threats and promises. */
export function commitmentFindings(bundle: CaseBundle, commitments: readonly CommitmentState[]): Finding[] {
  const fm = new FindingMaker(bundle);
  return commitments.map((c) => {
    const what = `${c.kind === "threat" ? "Threat" : c.kind === "promise" ? "Promise" : "Conditional commitment"} by ${fm.name(c.actor)} on ${c.madeAt}: "${c.measure}"`;
    const text =
      c.status === "delivered"
        ? `${what}: delivered on ${c.deliveredAt ?? ""} (${days(c.daysToDeliver ?? 0)}).`
        : c.status === "overdue"
          ? `${what}: not delivered; follow-up was due ${c.dueAt}${c.dueAssumed ? ` (due date assumed${c.dueSource === "default" ? ": default window" : ""})` : ""}.`
          : c.status === "undetermined"
            ? `${what}: undetermined; the record does not say whether it was delivered and gives no follow-up date.`
            : `${what}: pending, follow-up due ${c.dueAt}${c.dueAssumed ? " (due date assumed)" : ""}.`;
    return fm.make({
      id: `commitment:${c.commitment}`,
      duty: "prevention",
      topic: "commitments",
      verdict: c.status === "delivered" ? "met" : c.status === "overdue" ? "gap" : "info",
      text,
      date: c.madeAt,
      figures: {
        status: c.status,
        dueAt: c.dueAt,
        dueSource: c.dueSource,
        dueAssumed: c.dueAssumed,
        daysOverdue: c.daysOverdue ?? null,
      },
      evidence: [c.commitment],
    });
  });
}

/** Findings on mandates, forces, deployment delays and drawdowns. */
export function gapFindings(bundle: CaseBundle, gaps: Gaps): Finding[] {
  const fm = new FindingMaker(bundle);
  const out: Finding[] = [];
  for (const m of gaps.mandates) {
    if (!m.atRisk) continue;
    const label = `Mandate of ${fm.name(m.mission)}${m.resolution ? ` (${m.resolution})` : ""}`;
    out.push(
      fm.make({
        id: `mandate:${m.mandate}`,
        duty: "prevention",
        topic: "mandates",
        verdict: m.gap === null ? "info" : m.gap ? "gap" : "met",
        text: `${label} was in force while the risk level was "high" or above (up to "${m.atRisk.maxLevel}"), from ${m.atRisk.from} to ${m.atRisk.to} (${days(m.atRisk.days)}), ${m.protectsCivilians === null ? "with tasks the record does not know (undetermined whether it protected civilians)" : m.protectsCivilians ? "with a task to protect civilians" : "without a task to protect civilians"}.`,
        date: m.atRisk.from,
        figures: {
          protectsCivilians: m.protectsCivilians,
          maxLevel: m.atRisk.maxLevel,
          daysAtHighOrAbove: m.atRisk.days,
          legalBasis: m.legalBasis,
        },
        evidence: [m.mandate],
      }),
    );
  }
  for (const c of gaps.capabilities) {
    const size =
      c.size === undefined ? "" : `${c.sizeApproximate ? "about " : ""}${c.size.toLocaleString("en-US")} `;
    const reach = c.timeToReachHours === undefined ? "" : `, ${c.timeToReachHours} h from the area`;
    if (c.hypothetical) {
      out.push(
        fm.make({
          id: `capability:${c.capability}`,
          duty: "prevention",
          topic: "capabilities",
          verdict: "info",
          text: `Estimate: a force of ${size}(${fm.name(c.force)}) would have been needed (${c.period.from}–${c.period.to}).`,
          date: c.period.from,
          figures: { size: c.size ?? null, hypothetical: true },
          evidence: [c.capability],
        }),
      );
      continue;
    }
    if (!c.atRisk) continue;
    out.push(
      fm.make({
        id: `capability:${c.capability}`,
        duty: "prevention",
        topic: "capabilities",
        verdict: c.gap ? "gap" : "met",
        text: `${capitalise(`${size}${fm.name(c.force)}`)}${c.owner ? ` (${fm.name(c.owner)})` : ""} at ${c.location}${reach}: tasked "${c.tasking}" while the risk level was "${c.atRisk.maxLevel}" (${c.atRisk.from} to ${c.atRisk.to}).`,
        date: c.atRisk.from,
        figures: {
          tasking: c.tasking,
          maxLevel: c.atRisk.maxLevel,
          size: c.size ?? null,
          timeToReachHours: c.timeToReachHours ?? null,
        },
        evidence: [c.capability],
      }),
    );
  }
  for (const d of gaps.deploymentDelays) {
    out.push(
      fm.make({
        id: `deployment:${d.mandate}`,
        duty: "prevention",
        topic: "deployment",
        verdict: d.levelAtDecision === "imminent" || d.levelAtDecision === "ongoing" ? "gap" : "info",
        text: `${fm.name(d.mission)} was decided on ${d.decidedAt} and deployed on ${d.deployedAt}: ${days(d.days)}${d.levelAtDecision ? ` (risk level "${d.levelAtDecision}" at the decision)` : ""}.`,
        date: d.decidedAt,
        figures: {
          decidedAt: d.decidedAt,
          deployedAt: d.deployedAt,
          days: d.days,
          levelAtDecision: d.levelAtDecision ?? null,
        },
        evidence: [d.mandate],
      }),
    );
  }
  for (const d of gaps.drawdowns) {
    out.push(
      fm.make({
        id: `drawdown:${d.record}`,
        duty: "prevention",
        topic: "drawdowns",
        verdict: "gap",
        text: `${fm.name(d.actor)}: ${d.what} on ${d.at} while atrocities were ongoing — ${d.summary}`,
        date: d.at,
        figures: { what: d.what },
        evidence: [d.record],
      }),
    );
  }
  return out;
}

/** Findings on naming: per actor, when the crime was first named and how long after the onset. */
export function namingFindings(bundle: CaseBundle, naming: NamingReport): Finding[] {
  const fm = new FindingMaker(bundle);
  return naming.actors.map((a) => {
    const euphemisms = [
      ...new Set(
        a.statements.flatMap((s) => s.matches.filter((m) => m.class === "euphemism").map((m) => m.term)),
      ),
    ];
    const used =
      euphemisms.length > 0 ? `; euphemisms used: ${euphemisms.map((t) => `"${t}"`).join(", ")}` : "";
    const lag =
      a.namingLagDays === undefined
        ? ""
        : `, ${days(a.namingLagDays)} after the onset (${naming.onset ?? ""})${a.namingLagDaysEarliest === undefined ? "" : `, at least ${days(a.namingLagDaysEarliest)}`}`;
    const when =
      a.firstNamingEarliest === undefined
        ? `on ${a.firstNamingAt ?? ""}`
        : `by ${a.firstNamingAt ?? ""} (said between ${a.firstNamingEarliest} and ${a.firstNamingAt ?? ""})`;
    const text = a.firstNamingAt
      ? `${a.name} first named the crime ${when}${lag}${used}.`
      : `${a.name} did not name the crime as of ${naming.asOf} (${a.statements.length} statement${a.statements.length === 1 ? "" : "s"})${used}.`;
    return fm.make({
      id: `naming:${a.actor}`,
      duty: "prevention",
      topic: "naming",
      verdict: a.firstNamingAt === undefined || (a.namingLagDays ?? 0) > 0 ? "gap" : "met",
      text,
      ...(a.firstNamingAt ? { date: a.firstNamingAt } : {}),
      figures: {
        firstNamingAt: a.firstNamingAt ?? null,
        namingLagDays: a.namingLagDays ?? null,
        firstNamingEarliest: a.firstNamingEarliest ?? null,
        namingLagDaysEarliest: a.namingLagDaysEarliest ?? null,
        naming: a.counts.naming,
        qualifiedNaming: a.counts["qualified-naming"],
        euphemism: a.counts.euphemism,
        denial: a.counts.denial,
      },
      evidence: a.statements.map((s) => s.statement),
    });
  });
}

/** The text with its first letter in upper case (a sentence may start with a size such as "about 1,200"). */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
