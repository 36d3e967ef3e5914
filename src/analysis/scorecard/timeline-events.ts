/**
 * The events a report's timeline chart shows: warnings, responses, commitments, mandates, forces, statements
 * and tribunal judgments, each with its day and a short label.
 * @module
 */
import type { CaseBundle } from "../../domain/index.js";
import type { Gaps } from "../gaps/gaps.js";
import type { Ledger } from "../ledger/ledger.js";
import type { NamingReport } from "../naming/naming-monitor.js";

export const TIMELINE_LANES = [
  "warning",
  "response",
  "lapse",
  "commitment",
  "mandate",
  "force",
  "naming",
] as const;
export type TimelineLane = (typeof TIMELINE_LANES)[number];

export interface TimelineEvent {
  readonly day: string;
  /** Last day, for events that last (a mandate in force, a force deployed). */
  readonly to?: string;
  readonly lane: TimelineLane;
  readonly label: string;
  readonly record: string;
  /** A gap (refusal, lapse, naming only after the onset…) is drawn differently from a neutral event. */
  readonly gap: boolean;
}

/**
 * The chart's events, in day order.
 * @example timelineEvents(bundle, ledger, gaps, naming).filter((e) => e.lane === "warning").length
 */
export function timelineEvents(
  bundle: CaseBundle,
  ledger: Ledger,
  gaps: Gaps,
  naming?: NamingReport,
): TimelineEvent[] {
  const name = (id: string) => bundle.records.actor.find((a) => a.id === id)?.name ?? id;
  const out: TimelineEvent[] = [];
  const responseIds = new Set<string>();
  for (const w of ledger.warnings) {
    out.push({
      day: w.sentAt,
      lane: "warning",
      label: `Warning: ${name(w.sender)}`,
      record: w.warning,
      gap: w.firstActionAt === undefined,
    });
    for (const q of w.requests) {
      if (q.lapsedAt)
        out.push({
          day: q.lapsedAt,
          lane: "lapse",
          label: `Lapsed: ${q.description}`,
          record: q.action,
          gap: true,
        });
      for (const r of q.responses) responseIds.add(r);
    }
    for (const r of w.responses) responseIds.add(r);
  }
  for (const r of bundle.records.response.filter((x) => responseIds.has(x.id))) {
    out.push({
      day: r.occurredAt.from,
      lane: "response",
      label: `${r.kind}: ${name(r.actor)}`,
      record: r.id,
      gap: r.kind === "refusal",
    });
  }
  for (const r of gaps.drawdowns)
    out.push({
      day: r.at,
      lane: "response",
      label: `${r.what}: ${name(r.actor)}`,
      record: r.record,
      gap: true,
    });
  for (const c of bundle.records.commitment.filter((x) => x.occurredAt.from <= ledger.asOf)) {
    out.push({
      day: c.occurredAt.from,
      lane: "commitment",
      label: `${c.kind}: ${name(c.actor)}`,
      record: c.id,
      // Unknown delivery (null) is not drawn as a gap.
      gap: c.delivered === false,
    });
  }
  for (const m of gaps.mandates) {
    out.push({
      day: m.inForce.from,
      to: m.inForce.to,
      lane: "mandate",
      label: `Mandate: ${name(m.mission)}`,
      record: m.mandate,
      gap: m.gap === true,
    });
  }
  for (const c of gaps.capabilities) {
    if (c.hypothetical) continue;
    out.push({
      day: c.period.from,
      to: c.period.to,
      lane: "force",
      label: `${name(c.force)}: ${c.tasking}`,
      record: c.capability,
      gap: c.gap,
    });
  }
  for (const s of naming?.statements ?? []) {
    out.push({
      day: s.date,
      lane: "naming",
      label: `${name(s.actor)}: ${s.class}`,
      record: s.statement,
      gap: s.class !== "naming",
    });
  }
  return out.sort(
    (a, b) => a.day.localeCompare(b.day) || a.lane.localeCompare(b.lane) || a.record.localeCompare(b.record),
  );
}
