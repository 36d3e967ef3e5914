/**
 * The naming lexicon: terms that name the crime, qualify it, euphemise it or deny it, per language.
 * The lexicon is data (rulebook/lexicon/*.json); the naming monitor classifies statements with it.
 * @module
 */
import type { AtrocityCrime, CrimeFinding } from "./atrocity-crime.js";

/** How a term describes mass violence against a protected group, from naming it to denying it. */
export const TERM_CLASSES = ["naming", "qualified-naming", "euphemism", "denial"] as const;
export type TermClass = (typeof TERM_CLASSES)[number];

/** One term of the lexicon, as written (matching ignores case, accents and plural endings). */
export interface LexiconTerm {
  readonly text: string;
  readonly class: TermClass;
  /** The atrocity crime the term names or qualifies, when it names one ("ethnic cleansing", "génocide"). */
  readonly crime?: AtrocityCrime;
  /**
   * How far the term goes as a finding about `crime` ("risk of genocide" is a risk, "ethnic cleansing" said of
   * the violence is established). Absent: `naming` is established, `qualified-naming` likely.
   */
  readonly finding?: CrimeFinding;
  readonly note?: string;
}

/**
 * The terms of one language. `hedges` are words that turn a following naming into a hypothetical one ("would",
 * "might"); `qualifiers` are words that make it a qualified finding about what happened ("may amount to",
 * "constitute"). Both make a naming qualified for the naming monitor; the engine reads a hypothetical naming
 * as a risk and a qualified one as a likely finding.
 */
export interface LexiconLanguage {
  readonly language: string;
  readonly terms: readonly LexiconTerm[];
  readonly hedges: readonly string[];
  readonly qualifiers?: readonly string[];
}

/** A lexicon: one entry per language. */
export interface Lexicon {
  readonly version: string;
  readonly languages: readonly LexiconLanguage[];
}
