/**
 * The naming monitor: every statement classified with the lexicon, per actor over time, with the first day
 * each actor named the crime and the lag from the onset the case declares (its evaluation block).
 * @module
 */
import {
  asOf as asOfGate,
  compileLexicon,
  containsPhrase,
  daysBetween,
  matchTerms,
  type CaseBundle,
  type CompiledLexicon,
  type Lexicon,
  type Statement,
  type TermClass,
  type TermMatch,
} from "../../domain/index.js";

/** A statement's class: the strongest class among its matches, or `unclassified` when nothing matched. */
export type StatementClass = TermClass | "unclassified";

/** Which class wins when a statement holds several: naming, then denial, then qualified naming, then euphemism. */
export const CLASS_PRECEDENCE: readonly TermClass[] = ["naming", "denial", "qualified-naming", "euphemism"];

export interface ClassifiedStatement {
  readonly statement: string;
  readonly actor: string;
  /**
   * The day by which the statement had certainly been made: the last day of its `occurredAt`. Counting from
   * there never understates a naming lag; `earliest` is the first day it may have been made.
   */
  readonly date: string;
  readonly earliest: string;
  readonly language: string;
  readonly class: StatementClass;
  readonly matches: readonly TermMatch[];
  /** Terms listed on the statement that no lexicon entry matches (candidates for the lexicon). */
  readonly unmatchedTerms: readonly string[];
}

export interface ActorNaming {
  readonly actor: string;
  readonly name: string;
  readonly statements: readonly ClassifiedStatement[];
  readonly counts: Readonly<Record<StatementClass, number>>;
  readonly firstNamingAt?: string;
  readonly firstNamingStatement?: string;
  /** Days from the declared onset to the first naming (negative when named before the onset). */
  readonly namingLagDays?: number;
  /** The first naming statement's earliest possible day and lag, when its date is not known to the day. */
  readonly firstNamingEarliest?: string;
  readonly namingLagDaysEarliest?: number;
  readonly firstQualifiedAt?: string;
  readonly firstEuphemismAt?: string;
  readonly firstDenialAt?: string;
}

export interface NamingReport {
  readonly asOf: string;
  /** The onset the case declares (evaluation.onset), which the lag is counted from. */
  readonly onset?: string;
  readonly actors: readonly ActorNaming[];
  readonly statements: readonly ClassifiedStatement[];
}

/**
 * Classify one statement: its text (when present) and its listed terms, deduplicated. A listed term that also
 * occurs in the text is read in the text, where its context (a hedge, a negation) is known.
 * @example classifyStatement(compileLexicon(lex), s).class // "euphemism"
 */
export function classifyStatement(lex: CompiledLexicon, s: Statement): ClassifiedStatement {
  const found = new Map<string, TermMatch>();
  const unmatched: string[] = [];
  const text = s.text;
  for (const m of text === undefined ? [] : matchTerms(lex, text)) found.set(`${m.class}\u0000${m.term}`, m);
  for (const term of s.terms) {
    const ms = matchTerms(lex, term);
    if (ms.length === 0) unmatched.push(term);
    if (text !== undefined && containsPhrase(text, term)) continue;
    for (const m of ms) found.set(`${m.class}\u0000${m.term}`, m);
  }
  const matches = [...found.values()];
  const cls = CLASS_PRECEDENCE.find((c) => matches.some((m) => m.class === c)) ?? "unclassified";
  return {
    statement: s.id,
    actor: s.actor,
    date: s.occurredAt.to,
    earliest: s.occurredAt.from,
    language: s.language,
    class: cls,
    matches,
    unmatchedTerms: unmatched,
  };
}

function firstOf(list: readonly ClassifiedStatement[], cls: StatementClass): ClassifiedStatement | undefined {
  return list.find((s) => s.class === cls);
}

/**
 * The naming report of a case as of a day.
 * @example buildNaming(bundle, { asOf: "1994-07-31", lexicon }).actors.find((a) => a.actor === "un-sg")?.firstNamingAt
 */
export function buildNaming(
  bundle: CaseBundle,
  options: { readonly asOf: string; readonly lexicon: Lexicon },
): NamingReport {
  const lex = compileLexicon(options.lexicon);
  const known = asOfGate(bundle, options.asOf).records;
  const onset = bundle.manifest.evaluation?.onset;
  const statements = known.statement
    .filter((s) => s.occurredAt.from <= options.asOf)
    .map((s) => classifyStatement(lex, s))
    .sort((a, b) => a.date.localeCompare(b.date) || a.statement.localeCompare(b.statement));
  const byActor = new Map<string, ClassifiedStatement[]>();
  for (const s of statements) byActor.set(s.actor, [...(byActor.get(s.actor) ?? []), s]);
  const actors = [...byActor.entries()].map(([actor, list]): ActorNaming => {
    const counts = { naming: 0, "qualified-naming": 0, euphemism: 0, denial: 0, unclassified: 0 };
    for (const s of list) counts[s.class] += 1;
    const naming = firstOf(list, "naming");
    const qualified = firstOf(list, "qualified-naming");
    const euphemism = firstOf(list, "euphemism");
    const denial = firstOf(list, "denial");
    return {
      actor,
      name: known.actor.find((a) => a.id === actor)?.name ?? actor,
      statements: list,
      counts,
      ...(naming ? { firstNamingAt: naming.date, firstNamingStatement: naming.statement } : {}),
      ...(naming && onset !== undefined ? { namingLagDays: daysBetween(onset, naming.date) } : {}),
      ...(naming && naming.earliest !== naming.date ? { firstNamingEarliest: naming.earliest } : {}),
      ...(naming && naming.earliest !== naming.date && onset !== undefined
        ? { namingLagDaysEarliest: daysBetween(onset, naming.earliest) }
        : {}),
      ...(qualified ? { firstQualifiedAt: qualified.date } : {}),
      ...(euphemism ? { firstEuphemismAt: euphemism.date } : {}),
      ...(denial ? { firstDenialAt: denial.date } : {}),
    };
  });
  actors.sort(
    (a, b) =>
      (a.firstNamingAt ?? "9999").localeCompare(b.firstNamingAt ?? "9999") || a.actor.localeCompare(b.actor),
  );
  return { asOf: options.asOf, ...(onset === undefined ? {} : { onset }), actors, statements };
}
