/**
 * Text normalisation for term matching: case, accents, punctuation and spacing do not matter, and a plural
 * ending (-s, -es, -x) does not stop a match.
 * @module
 */

/**
 * Lower-case, accent-free tokens of letters and digits.
 * @example tokens("Génocide, « massacres tribaux »") // ["genocide", "massacres", "tribaux"]
 */
export function tokens(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

const PLURAL_ENDINGS = ["s", "es", "x"];

/**
 * Whether a text token matches a lexicon token, allowing a plural ending on either side. Tokens shorter
 * than three letters must match exactly, so "a" never matches "as".
 * @example sameWord("genocides", "genocide") // true
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (short.length < 3) return false;
  return PLURAL_ENDINGS.some((e) => long === short + e);
}
