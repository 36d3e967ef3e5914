/**
 * What a desk delivery carries: the warning, the requested actions with their due dates, the evidence (a
 * confidential source only as "Protected source"), and, for a reminder or an escalation, the request at stake.
 * Built when the delivery is queued, so the dispatcher never reads the case again.
 * @module
 */
import {
  PROTECTED_SOURCE_LABEL,
  RECORD_KINDS,
  recordSummary,
  redactCitations,
  type CaseBundle,
  type RecordKind,
  type Warning,
} from "../domain/index.js";

/** A citation as a recipient sees it. */
export interface DeskCitation {
  readonly source: string;
  readonly title: string;
  readonly locator?: string;
}

export interface DeskEvidence {
  readonly record: string;
  readonly kind: string;
  readonly label: string;
  readonly knownAt?: string;
  readonly citations: readonly DeskCitation[];
}

export interface DeskAction {
  readonly id: string;
  readonly kind: string;
  readonly description: string;
  readonly dueAt?: string;
}

/** The lapsed request an escalation (or reminder) is about. */
export interface DeskLapse {
  readonly warning: string;
  readonly action: DeskAction;
  readonly addressees: readonly string[];
  readonly daysOverdue: number;
}

export interface DeskMessage {
  readonly v: 1;
  readonly purpose: "warning" | "reminder" | "escalation";
  readonly caseId: string;
  readonly warning: {
    readonly id: string;
    readonly date: string;
    readonly summary: string;
    readonly sender: string;
    readonly country?: string;
  };
  readonly recipient: { readonly id: string; readonly name: string };
  readonly language: string;
  /** The actions this recipient is asked for. */
  readonly actions: readonly DeskAction[];
  readonly evidence: readonly DeskEvidence[];
  readonly lapse?: DeskLapse;
  /** The answer link's expiry (ISO). */
  readonly answerExpiresAt: string;
}

/** Actor names of a case. */
export function actorNames(bundle: CaseBundle): Map<string, string> {
  return new Map(bundle.records.actor.map((a) => [a.id, a.name]));
}

/**
 * The evidence of a warning as recipients see it: each record's one-line label and citations; a confidential
 * (or unknown) source is only its id and "Protected source", with no locator.
 */
export function deskEvidence(bundle: CaseBundle, ids: readonly string[]): DeskEvidence[] {
  const sources = new Map(bundle.records.source.map((s) => [s.id, s]));
  const hidden = (id: string) => sources.get(id)?.confidential !== false;
  const titleOf = (id: string) => (hidden(id) ? PROTECTED_SOURCE_LABEL : (sources.get(id)?.title ?? id));
  const byId = new Map<string, { kind: RecordKind; record: unknown }>();
  for (const kind of RECORD_KINDS)
    for (const r of bundle.records[kind] as readonly { id: string }[]) byId.set(r.id, { kind, record: r });
  return ids.map((id) => {
    const found = byId.get(id);
    if (!found || (found.kind === "source" && hidden(id)))
      return { record: id, kind: found?.kind ?? "record", label: PROTECTED_SOURCE_LABEL, citations: [] };
    const r = found.record as { knownAt: string; citations: readonly { source: string; locator: string }[] };
    return {
      record: id,
      kind: found.kind,
      label: recordSummary(found.kind, found.record as never),
      knownAt: r.knownAt,
      citations: redactCitations(r.citations, hidden).map((c) =>
        "locator" in c
          ? { source: c.source, title: titleOf(c.source), locator: c.locator }
          : { source: c.source, title: PROTECTED_SOURCE_LABEL },
      ),
    };
  });
}

/** The requested actions addressed to `recipient` (an action without addressees is for every recipient). */
export function actionsFor(warning: Warning, recipient: string): DeskAction[] {
  return warning.requestedActions
    .filter((a) => a.addressees === undefined || a.addressees.includes(recipient))
    .map((a) => ({
      id: a.id,
      kind: a.kind,
      description: a.description,
      ...(a.dueAt === undefined ? {} : { dueAt: a.dueAt }),
    }));
}

/**
 * The message of a warning to one recipient.
 * @example buildDeskMessage(bundle, warning, "un-hq", "fr", "warning", expires)
 */
export function buildDeskMessage(
  bundle: CaseBundle,
  warning: Warning,
  recipient: string,
  language: string,
  purpose: DeskMessage["purpose"],
  answerExpiresAt: string,
  lapse?: DeskLapse,
): DeskMessage {
  const names = actorNames(bundle);
  return {
    v: 1,
    purpose,
    caseId: bundle.manifest.id,
    warning: {
      id: warning.id,
      date: warning.knownAt,
      summary: warning.summary,
      sender: names.get(warning.sender) ?? warning.sender,
      ...(warning.country === undefined ? {} : { country: warning.country }),
    },
    recipient: { id: recipient, name: names.get(recipient) ?? recipient },
    language,
    actions: actionsFor(warning, recipient),
    evidence: deskEvidence(bundle, warning.evidence),
    ...(lapse === undefined ? {} : { lapse }),
    answerExpiresAt,
  };
}
