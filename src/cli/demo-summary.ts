/**
 * The `demo` summary: what was loaded, the warnings with their recipients, requests and answers, the engine's
 * alerts during the replay, and the scorecard's headline figures — as one JSON document or readable text.
 * @module
 */
import { scorecardHeadlines, type Scorecard, type WarningEntry } from "../analysis/index.js";
import { RECORD_KINDS, daysBetween, type Actor, type CaseBundle, type RecordKind } from "../domain/index.js";
import type { Alert, ReplayResult } from "../engine/index.js";
import type { LoadReport } from "../storage/index.js";

interface Named {
  readonly id: string;
  readonly name: string;
}

export interface DemoWarning {
  readonly id: string;
  readonly date: string;
  readonly channel: string;
  readonly sender: Named;
  readonly recipients: readonly Named[];
  readonly summary: string;
  readonly requestedActions: readonly {
    readonly id: string;
    readonly kind: string;
    readonly description: string;
    readonly dueAt: string;
    readonly status: string;
    readonly refusalReason?: string;
    readonly daysToFirstResponse?: number;
  }[];
  readonly responses: readonly {
    readonly id: string;
    readonly date: string;
    readonly actor: Named;
    readonly kind: string;
    readonly refusalReason?: string;
    readonly summary: string;
    readonly daysAfterWarning: number;
  }[];
  readonly daysToFirstResponse: number | null;
  readonly daysToAction: number | null;
  /** True when nothing that counts as acting on the warning followed it. */
  readonly noActionFollowed: boolean;
}

export interface DemoSummary {
  readonly case: {
    readonly id: string;
    readonly title: string;
    readonly period: { from: string; to: string };
  };
  readonly asOf: string;
  readonly store: { readonly location: string; readonly load: LoadReport };
  readonly counts: Readonly<Record<RecordKind, number>>;
  readonly warnings: readonly DemoWarning[];
  readonly replay: {
    readonly steps: number;
    readonly alerts: readonly {
      readonly date: string;
      readonly situation: string;
      readonly level: string;
      readonly previousLevel: string;
      readonly score: number;
      readonly reasons: readonly string[];
      readonly evidence: readonly string[];
      readonly dutyBearers: readonly string[];
    }[];
    readonly firstDateByLevel: ReplayResult["firstDateByLevel"];
    readonly evaluation: ReplayResult["evaluation"];
  } | null;
  readonly scorecard: {
    readonly headlines: readonly string[];
    readonly prevention: { readonly gaps: number; readonly met: number };
    readonly punishment: { readonly gaps: number; readonly met: number };
  };
}

/** Build the summary from what the demo computed. */
export function demoSummary(input: {
  bundle: CaseBundle;
  asOf: string;
  location: string;
  load: LoadReport;
  replay: ReplayResult | null;
  scorecard: Scorecard;
}): DemoSummary {
  const { bundle, scorecard } = input;
  const actors = new Map(bundle.records.actor.map((a) => [a.id, a]));
  const named = (id: string): Named => ({ id, name: nameOf(actors, id) });
  const responses = new Map(bundle.records.response.map((r) => [r.id, r]));
  const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, bundle.records[k].length])) as Record<
    RecordKind,
    number
  >;
  const warnings = scorecard.ledger.warnings
    .filter((w) => w.origin === "human")
    .map((w: WarningEntry): DemoWarning => ({
      id: w.warning,
      date: w.sentAt,
      channel: w.channel,
      sender: named(w.sender),
      recipients: w.recipients.map(named),
      summary: w.summary,
      requestedActions: w.requests.map((q) => ({
        id: q.action,
        kind: q.kind,
        description: q.description,
        dueAt: q.dueAt,
        status: q.status,
        ...(q.refusalReason ? { refusalReason: q.refusalReason } : {}),
        ...(q.daysToFirstResponse !== undefined ? { daysToFirstResponse: q.daysToFirstResponse } : {}),
      })),
      responses: w.responses.flatMap((id) => {
        const r = responses.get(id);
        if (!r) return [];
        return [
          {
            id: r.id,
            date: r.occurredAt.from,
            actor: named(r.actor),
            kind: r.kind,
            ...(r.refusalReason ? { refusalReason: r.refusalReason } : {}),
            summary: r.summary,
            daysAfterWarning: daysBetween(w.sentAt, r.occurredAt.from),
          },
        ];
      }),
      daysToFirstResponse: w.daysToFirstResponse ?? null,
      daysToAction: w.daysToAction ?? null,
      noActionFollowed: w.firstActionAt === undefined,
    }));
  return {
    case: { id: bundle.manifest.id, title: bundle.manifest.title, period: { ...bundle.manifest.period } },
    asOf: input.asOf,
    store: { location: input.location, load: input.load },
    counts,
    warnings,
    replay: input.replay
      ? {
          steps: input.replay.steps,
          alerts: input.replay.alerts.map((a: Alert) => ({
            date: a.date,
            situation: a.situation.id,
            level: a.level,
            previousLevel: a.previousLevel,
            score: a.score,
            reasons: a.reasons,
            evidence: [...new Set(a.evidence.map((e) => e.record))],
            dutyBearers: a.dutyBearers,
          })),
          firstDateByLevel: input.replay.firstDateByLevel,
          evaluation: input.replay.evaluation,
        }
      : null,
    scorecard: {
      headlines: scorecardHeadlines(scorecard),
      prevention: { gaps: scorecard.prevention.gaps, met: scorecard.prevention.met },
      punishment: { gaps: scorecard.punishment.gaps, met: scorecard.punishment.met },
    },
  };
}

function nameOf(actors: ReadonlyMap<string, Actor>, id: string): string {
  return actors.get(id)?.name ?? id;
}

/** The summary as readable text. */
export function formatDemoSummary(s: DemoSummary): string {
  const out: string[] = [];
  const t = s.store.load.totals;
  out.push(`Tocsin demo — ${s.case.title} (${s.case.period.from} to ${s.case.period.to})`);
  out.push(
    `Store: ${s.store.location} — ${t.inserted} inserted, ${t.updated} updated, ${t.unchanged} unchanged, ${t.deleted} deleted`,
  );
  out.push("");
  out.push("Records by kind:");
  for (const [k, n] of Object.entries(s.counts)) if (n > 0) out.push(`  ${k.padEnd(13)} ${n}`);
  out.push("");
  out.push(`Warnings (${s.warnings.length}):`);
  for (const w of s.warnings) {
    out.push(`  ${w.date}  ${w.sender.name} → ${w.recipients.map((r) => r.name).join(", ")} (${w.channel})`);
    out.push(`    ${w.summary}`);
    for (const a of w.requestedActions) {
      const reason = a.refusalReason ? ` (${a.refusalReason})` : "";
      out.push(`    asked: ${a.description} — ${a.status}${reason}, due ${a.dueAt}`);
    }
    for (const r of w.responses) {
      out.push(
        `    answer ${r.date} (${r.daysAfterWarning} day${r.daysAfterWarning === 1 ? "" : "s"}): ${r.actor.name} — ${r.kind}${r.refusalReason ? ` (${r.refusalReason})` : ""}`,
      );
    }
    if (w.responses.length === 0) out.push("    no response on record");
    out.push(
      `    days to first response: ${w.daysToFirstResponse ?? "none"}; ${w.noActionFollowed ? "no action followed" : `acted after ${w.daysToAction} days`}`,
    );
  }
  if (s.replay) {
    out.push("");
    out.push(`Early-warning replay (${s.replay.steps} steps): ${s.replay.alerts.length} alert(s)`);
    for (const a of s.replay.alerts) {
      out.push(
        `  ${a.date}  ${a.situation}: ${a.previousLevel} → ${a.level} (score ${a.score.toFixed(2)}); evidence ${a.evidence.join(", ")}`,
      );
    }
    if (s.replay.evaluation) {
      const lead = Object.entries(s.replay.evaluation.leadTimeDays)
        .map(([level, d]) => `${level} ${d === null ? "never" : `${d} days`}`)
        .join(", ");
      out.push(`  lead time before the onset of ${s.replay.evaluation.onset}: ${lead}`);
    }
  }
  out.push("");
  out.push("Genocide Convention scorecard:");
  for (const h of s.scorecard.headlines) out.push(`  ${h}`);
  return `${out.join("\n")}\n`;
}
