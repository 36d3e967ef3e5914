/**
 * Sources of evidence, graded on the Admiralty (NATO) scale, and the rule that keeps a confidential source's
 * identity inside the store: {@link redactSource} is the only way a source leaves it for an unentitled viewer.
 * @module
 */
import type { Citation } from "./citation.js";
import type { RecordBase } from "./record.js";

/** Reliability of the source: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY = ["A", "B", "C", "D", "E", "F"] as const;
export type Reliability = (typeof RELIABILITY)[number];

/** Credibility of the information: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITY)[number];

export const SOURCE_KINDS = [
  "article",
  "book",
  "report",
  "un-document",
  "cable",
  "letter",
  "informant",
  "witness",
  "media",
  "dataset",
  "official-statement",
  "judgment",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Fields that identify a confidential source. They never leave the store for anyone not entitled. */
export interface ProtectedIdentity {
  readonly name?: string;
  readonly contact?: string;
  readonly exactPlace?: string;
  readonly device?: string;
  readonly description?: string;
}

export interface Source extends RecordBase {
  readonly kind: SourceKind;
  /** A citable title; for a confidential source this is a neutral label such as "Confidential informant". */
  readonly title: string;
  readonly author?: string;
  readonly publishedAt?: string;
  readonly url?: string;
  readonly reliability: Reliability;
  readonly credibility: Credibility;
  readonly confidential: boolean;
  readonly protectedIdentity?: ProtectedIdentity;
  /** Licence and attribution the provider requires (datasets). */
  readonly licence?: string;
  readonly attribution?: string;
}

/** A source as a viewer who is not entitled may see it: grading and a neutral label, no identifying field. */
export interface RedactedSource extends Omit<Source, "protectedIdentity" | "author" | "url" | "notes"> {
  readonly redacted: boolean;
}

/** The label shown instead of a confidential source's title. */
export const PROTECTED_SOURCE_LABEL = "Protected source";

/**
 * The view of a source for someone who may or may not see protected identities.
 * @example redactSource(informant, false).protectedIdentity // undefined
 */
export function redactSource(source: Source, entitled: boolean): RedactedSource | Source {
  if (!source.confidential || entitled) return source;
  return {
    id: source.id,
    kind: source.kind,
    title: PROTECTED_SOURCE_LABEL,
    occurredAt: source.occurredAt,
    knownAt: source.knownAt,
    citations: [],
    reliability: source.reliability,
    credibility: source.credibility,
    confidential: true,
    redacted: true,
  };
}

/**
 * A citation as it may leave the store: a public source's citation unchanged; a confidential source's only by
 * its id and the neutral label, without the locator (a locator such as "account relayed in the cable" can
 * point at the informant as surely as a name).
 */
export type ShownCitation =
  | Citation
  | { readonly source: string; readonly label: typeof PROTECTED_SOURCE_LABEL; readonly protected: true };

/**
 * The one rule for citations in every output (CLI, notifications, HTTP): a citation to a confidential source
 * shows its source id and "Protected source", no locator. `isConfidential` answers for a source id; give it
 * `true` for an id it does not know when the source could be confidential and held elsewhere.
 * @example redactCitations([{ source: "src-inf", locator: "¶2" }], (id) => id === "src-inf")
 * // [{ source: "src-inf", label: "Protected source", protected: true }]
 */
export function redactCitations(
  citations: readonly Citation[],
  isConfidential: (sourceId: string) => boolean,
): ShownCitation[] {
  return citations.map((c) =>
    isConfidential(c.source)
      ? { source: c.source, label: PROTECTED_SOURCE_LABEL, protected: true as const }
      : c,
  );
}

/**
 * Weight of a piece of evidence from its grading, in (0, 1]: A1 is 1, F6 about 0.2.
 * Reliability and credibility each contribute a factor; the product keeps an ungraded rumour from
 * counting as much as a confirmed report. The table is conventional, not empirical; the rulebook may override it.
 */
export function gradingWeight(reliability: Reliability, credibility: Credibility): number {
  const r = { A: 1, B: 0.9, C: 0.75, D: 0.55, E: 0.35, F: 0.5 }[reliability];
  const c = { 1: 1, 2: 0.9, 3: 0.75, 4: 0.5, 5: 0.25, 6: 0.45 }[credibility];
  return r * c;
}
