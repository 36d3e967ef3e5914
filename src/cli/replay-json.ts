/**
 * The `replay --json` document, and its printer: the document is written alert by alert (from memory, or as
 * they are read back from where a long run set them aside), so printing a replay never builds one string of the
 * whole run. Each condition that counts more records than it cites says how to
 * get the rest (`tocsin evidence …`, `GET /api/cases/{id}/evidence?…`).
 * @module
 */
import { redactCitations } from "../domain/index.js";
import type { Alert, ReplayResult } from "../engine/index.js";
import type { CliIo } from "./io.js";
import { terminalSafeJson } from "./terminal-text.js";

/** Where the records a condition counts beyond those it cites can be read: by situation, criterion and window. */
export interface EvidenceQuery {
  readonly situation: string;
  readonly criterion: string;
  readonly condition: string;
  readonly from?: string;
  readonly to: string;
  readonly cli: string;
  readonly api: string;
}

/**
 * The query that returns every record a condition of a met criterion counts on the alert's day.
 * @example evidenceQuery("import-acled", alert, "ongoing-1", "killings").cli
 */
export function evidenceQuery(
  caseId: string,
  alert: Pick<Alert, "date" | "situation">,
  criterion: string,
  condition: { readonly id: string; readonly window?: { readonly from: string; readonly to: string } },
): EvidenceQuery {
  const to = condition.window?.to ?? alert.date;
  const from = condition.window?.from;
  const params = new URLSearchParams({
    situation: alert.situation.id,
    criterion,
    condition: condition.id,
    ...(from === undefined ? {} : { from }),
    to,
  });
  const q = (s: string) =>
    /^[A-Za-z0-9._/*:-]+$/.test(s) && !s.includes("*") ? s : `'${s.replace(/'/g, "'\\''")}'`;
  return {
    situation: alert.situation.id,
    criterion,
    condition: condition.id,
    ...(from === undefined ? {} : { from }),
    to,
    cli:
      `tocsin evidence --case ${q(caseId)} --situation ${q(alert.situation.id)} --criterion ${q(criterion)} ` +
      `--condition ${q(condition.id)}${from === undefined ? "" : ` --from ${from}`} --to ${to}`,
    api: `/api/cases/${encodeURIComponent(caseId)}/evidence?${params.toString()}`,
  };
}

/**
 * The alert with, on each condition that counts more records than it cites, the query returning the rest
 * (`rest`): what a stored run keeps, and what `--json` prints.
 */
export function withEvidenceQueries(caseId: string, a: Alert): Alert {
  if (a.criteria === undefined) return a;
  return {
    ...a,
    criteria: a.criteria.map((c) => ({
      ...c,
      conditions: c.conditions.map((d) =>
        d.total > d.records.length ? { ...d, rest: evidenceQuery(caseId, a, c.id, d) } : d,
      ),
    })),
  };
}

/** An alert's evidence as it may be printed: citations to confidential sources without their locators. */
export function shownEvidence(a: Alert, isConfidential: (sourceId: string) => boolean) {
  return a.evidence.map((e) => ({ ...e, citations: redactCitations(e.citations, isConfidential) }));
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

/** One alert of the `--json` document. */
function alertJson(caseId: string, alert: Alert, isConfidential: (sourceId: string) => boolean) {
  const a = withEvidenceQueries(caseId, alert);
  return {
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
  };
}

/** The `--json` document: exactly these keys. Citations to confidential sources carry no locator. */
export function replayJson(result: ReplayResult, isConfidential: (sourceId: string) => boolean): unknown {
  return {
    case: result.case,
    steps: result.steps,
    alerts: result.alerts.map((a) => alertJson(result.case, a, isConfidential)),
    firstDateByLevel: result.firstDateByLevel,
    evaluation: result.evaluation,
    notices: result.notices,
  };
}

/** `value` as it appears at `depth` levels of 2-space indentation in a document. */
function nested(value: unknown, depth: number): string {
  return terminalSafeJson(value)
    .slice(0, -1)
    .replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/**
 * Print {@link replayJson}'s document — the same text `printJson` would print — one alert at a time.
 * @example printReplayJson(ctx.io, result, confidentialIn(bundle))
 */
export function printReplayJson(
  io: CliIo,
  result: ReplayResult,
  isConfidential: (sourceId: string) => boolean,
): void {
  const doc = replayJsonPrinter(io, result.case, result.steps, isConfidential);
  for (const a of result.alerts) doc.alert(a);
  doc.end(result);
}

/**
 * The printer of {@link replayJson}'s document for alerts that come one by one (read back from where a long run
 * set them aside): the head, each alert, then the end, never one string of the whole run.
 * @example const doc = replayJsonPrinter(io, "import-acled", 357, isConfidential); doc.alert(a); doc.end(result)
 */
export function replayJsonPrinter(
  io: CliIo,
  caseId: string,
  steps: number,
  isConfidential: (sourceId: string) => boolean,
) {
  let printed = 0;
  io.out(`{\n  "case": ${nested(caseId, 1)},\n  "steps": ${nested(steps, 1)},\n  "alerts": [`);
  return {
    alert(a: Alert): void {
      io.out(`${printed === 0 ? "" : ","}\n    ${nested(alertJson(caseId, a, isConfidential), 2)}`);
      printed += 1;
    },
    end(result: Pick<ReplayResult, "firstDateByLevel" | "evaluation" | "notices">): void {
      io.out(printed === 0 ? "],\n" : "\n  ],\n");
      io.out(
        `  "firstDateByLevel": ${nested(result.firstDateByLevel, 1)},\n` +
          `  "evaluation": ${nested(result.evaluation, 1)},\n` +
          `  "notices": ${nested(result.notices, 1)}\n}\n`,
      );
    },
  };
}
