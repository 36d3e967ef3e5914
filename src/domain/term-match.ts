/**
 * Finding lexicon terms in text: longest match first, on word boundaries, so that "acts of genocide" is read
 * as qualified naming and never also as naming; a naming term after a hedge ("might", "would", "pourrait")
 * in the same sentence is hypothetical and counts as qualified naming. Terms never span sentences.
 * @module
 */
import type { AtrocityCrime, CrimeFinding } from "./atrocity-crime.js";
import type { Lexicon, TermClass } from "./lexicon.js";
import { sameWord, tokens } from "./term-normalize.js";

/** A lexicon compiled for matching. Build once with {@link compileLexicon}, reuse for every text. */
export interface CompiledLexicon {
  readonly entries: readonly {
    readonly words: readonly string[];
    readonly text: string;
    readonly class: TermClass;
    readonly crime?: AtrocityCrime;
    readonly finding?: CrimeFinding;
    readonly language: string;
  }[];
  readonly hedges: readonly {
    readonly words: readonly string[];
    readonly language: string;
    /** A qualifier ("may amount to") rather than a hypothetical hedge ("would"). */
    readonly qualifier: boolean;
  }[];
}

export interface TermMatch {
  /** The lexicon term as written there. */
  readonly term: string;
  readonly class: TermClass;
  /** The atrocity crime the term names, when the lexicon says. */
  readonly crime?: AtrocityCrime;
  /** How far the words go as a finding about `crime`: the term's own, downgraded to `likely` when hedged. */
  readonly finding?: CrimeFinding;
  readonly language: string;
  /** True when a naming term was downgraded to qualified naming because a hedge precedes it. */
  readonly hedged: boolean;
}

/** Sentence and clause ends: a term never spans one, and a hedge only reaches to the end of its sentence. */
const SENTENCE_END = /[.!?;:…]+/u;

/**
 * Compile a lexicon: entries sorted longest first (then by language and text, so results are stable).
 * @example compileLexicon(lexicon).entries[0].words // the longest term's words
 */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const entries = lexicon.languages
    .flatMap((l) =>
      l.terms.map((t) => ({
        words: tokens(t.text),
        text: t.text,
        class: t.class,
        ...(t.crime === undefined ? {} : { crime: t.crime }),
        ...(t.finding === undefined ? {} : { finding: t.finding }),
        language: l.language,
      })),
    )
    .filter((e) => e.words.length > 0)
    .sort(
      (a, b) =>
        b.words.length - a.words.length ||
        a.language.localeCompare(b.language) ||
        a.text.localeCompare(b.text),
    );
  const hedges = lexicon.languages
    .flatMap((l) => [
      ...l.hedges.map((h) => ({ words: tokens(h), language: l.language, qualifier: false })),
      ...(l.qualifiers ?? []).map((h) => ({ words: tokens(h), language: l.language, qualifier: true })),
    ])
    .filter((h) => h.words.length > 0);
  return { entries, hedges };
}

function matchesAt(words: readonly string[], at: number, pattern: readonly string[]): boolean {
  if (at + pattern.length > words.length) return false;
  return pattern.every((p, k) => sameWord(words[at + k] ?? "", p));
}

/** The strongest hedge before position `at` in the sentence: a hypothetical one wins over a qualifier. */
function hedgeBefore(
  words: readonly string[],
  at: number,
  lex: CompiledLexicon,
): "hypothetical" | "qualified" | null {
  let found: "hypothetical" | "qualified" | null = null;
  for (let i = 0; i < at; i += 1) {
    for (const h of lex.hedges) {
      if (i + h.words.length > at || !matchesAt(words, i, h.words)) continue;
      if (!h.qualifier) return "hypothetical";
      found = "qualified";
    }
  }
  return found;
}

const FINDING_RANK: readonly CrimeFinding[] = ["risk", "alleged", "likely", "established"];

/**
 * A term's finding: its own (or by class: naming established, else likely); after a qualifier at most `likely`,
 * after a hypothetical hedge only a `risk` ("would be genocide" says what may come, not what is).
 */
function findingOf(
  entry: CompiledLexicon["entries"][number],
  hedge: "hypothetical" | "qualified" | null,
): CrimeFinding {
  const own = entry.finding ?? (entry.class === "naming" ? "established" : "likely");
  const cap: CrimeFinding =
    hedge === "hypothetical" ? "risk" : hedge === "qualified" ? "likely" : "established";
  return FINDING_RANK.indexOf(own) > FINDING_RANK.indexOf(cap) ? cap : own;
}

/**
 * Every term of the lexicon found in `text`, left to right, longest first at each position.
 * Runs in O(words × entries).
 * @example matchTerms(compileLexicon(lex), "Acts of genocide took place") // [{ term: "acts of genocide", class: "qualified-naming", … }]
 */
export function matchTerms(lex: CompiledLexicon, text: string): TermMatch[] {
  const out: TermMatch[] = [];
  for (const sentence of text.split(SENTENCE_END)) {
    const words = tokens(sentence);
    let i = 0;
    while (i < words.length) {
      const entry = lex.entries.find((e) => matchesAt(words, i, e.words));
      if (!entry) {
        i += 1;
        continue;
      }
      // A denial or a euphemism names no crime as a finding, hedged or not.
      const finds = entry.crime !== undefined && entry.class !== "denial" && entry.class !== "euphemism";
      const hedge = entry.class === "naming" || finds ? hedgeBefore(words, i, lex) : null;
      const hedged = hedge !== null;
      const finding = finds ? findingOf(entry, hedge) : undefined;
      out.push({
        term: entry.text,
        class: hedged ? "qualified-naming" : entry.class,
        ...(entry.crime === undefined ? {} : { crime: entry.crime }),
        ...(finding === undefined ? {} : { finding }),
        language: entry.language,
        hedged: hedged && entry.class === "naming",
      });
      i += entry.words.length;
    }
  }
  return out;
}

/**
 * Whether the words of `phrase` occur, in order and adjacent, in `text` (same matching rules as terms).
 * @example containsPhrase("witnesses to genocide", "genocide") // true
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const words = tokens(text);
  const pattern = tokens(phrase);
  if (pattern.length === 0) return false;
  for (let i = 0; i + pattern.length <= words.length; i += 1) if (matchesAt(words, i, pattern)) return true;
  return false;
}
