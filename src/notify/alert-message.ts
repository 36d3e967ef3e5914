/**
 * The message an alert becomes when it is delivered to duty-bearers: built by a pure function, naming a
 * confidential source only by its id and the neutral label, never by anything that could identify it.
 * @module
 */
import { PROTECTED_SOURCE_LABEL, redactCitations, type Actor, type Source } from "../domain/index.js";
import { alertId, type Alert } from "../engine/index.js";

/** A duty-bearer the message is for. */
export interface MessageRecipient {
  readonly id: string;
  readonly name: string;
}

/**
 * A citation as a recipient sees it: the source's id, a title (or the neutral label) and the locator — absent
 * for a protected source, whose locator could point at the informant.
 */
export interface MessageCitation {
  readonly source: string;
  readonly title: string;
  readonly locator?: string;
  readonly protected: boolean;
}

/** A record cited by the alert. */
export interface MessageEvidence {
  readonly record: string;
  readonly kind: string;
  readonly knownAt: string;
  /** The criteria's conditions it meets (`criterion/condition`), when it meets any. */
  readonly criteria?: readonly string[];
  readonly indicators: readonly string[];
  readonly grade?: string;
  readonly citations: readonly MessageCitation[];
  /** What the evidence is when it is not a stored record (`kind: "series"`: an event surge). */
  readonly summary?: string;
}

/** What a notifier delivers: everything a duty-bearer needs to act on an alert, and nothing that endangers a source. */
export interface AlertMessage {
  /** The alert's stable id ({@link alertId}). */
  readonly alert: string;
  readonly caseId: string;
  readonly date: string;
  readonly situation: {
    readonly id: string;
    readonly country: string;
    readonly group?: string;
    readonly groupName?: string;
  };
  readonly level: string;
  readonly previousLevel: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly recommendedActions: readonly {
    readonly kind: string;
    readonly description: string;
    readonly dueAt: string;
  }[];
  readonly dutyBearers: readonly MessageRecipient[];
  readonly evidence: readonly MessageEvidence[];
  /** The reference criterion the new level meets (rulebooks with criteria), in words, with its confidence. */
  readonly criterion?: { readonly id: string; readonly text: string; readonly confidence: string | null };
}

/** What the message builder needs to know about the case: its actors (for names) and sources (for titles). */
export interface MessageContext {
  readonly caseId: string;
  readonly actors: readonly Pick<Actor, "id" | "name">[];
  readonly sources: readonly Pick<Source, "id" | "title" | "confidential">[];
}

/**
 * The message for one alert. A source that is confidential — or unknown to the context, which could be a
 * confidential source held elsewhere — appears only as its id and "Protected source".
 * @example buildAlertMessage(alert, { caseId: "x", actors: bundle.records.actor, sources: bundle.records.source })
 */
export function buildAlertMessage(alert: Alert, context: MessageContext): AlertMessage {
  const actors = new Map(context.actors.map((a) => [a.id, a.name]));
  const sources = new Map(context.sources.map((s) => [s.id, s]));
  const titleOf = (id: string): { title: string; protected: boolean } => {
    const s = sources.get(id);
    return !s || s.confidential
      ? { title: PROTECTED_SOURCE_LABEL, protected: true }
      : { title: s.title, protected: false };
  };
  const s = alert.situation;
  return {
    alert: alertId(alert),
    caseId: context.caseId,
    date: alert.date,
    situation: {
      id: s.id,
      country: s.country,
      ...(s.group === undefined ? {} : { group: s.group }),
      ...(s.groupName === undefined ? {} : { groupName: s.groupName }),
    },
    level: alert.level,
    previousLevel: alert.previousLevel,
    score: alert.score,
    reasons: [...alert.reasons],
    recommendedActions: alert.recommendedActions.map((a) => ({
      kind: a.kind,
      description: a.description,
      dueAt: a.dueAt,
    })),
    dutyBearers: alert.dutyBearers.map((id) => ({ id, name: actors.get(id) ?? id })),
    evidence: alert.evidence.map((e) => ({
      record: e.record,
      kind: e.kind,
      knownAt: e.knownAt,
      ...(e.criteria === undefined ? {} : { criteria: [...e.criteria] }),
      indicators: [...e.indicators],
      ...(e.grade === undefined ? {} : { grade: e.grade }),
      // The one citation rule: no locator for a confidential (or unknown) source.
      citations: redactCitations(e.citations, (id) => titleOf(id).protected).map((c) =>
        "locator" in c
          ? { source: c.source, ...titleOf(c.source), locator: c.locator }
          : { source: c.source, ...titleOf(c.source) },
      ),
      ...(e.summary === undefined ? {} : { summary: e.summary }),
    })),
    ...(alert.criteria?.[0] === undefined
      ? {}
      : {
          criterion: {
            id: alert.criteria[0].id,
            text: alert.criteria[0].text,
            confidence: alert.criteria[0].confidence,
          },
        }),
  };
}
