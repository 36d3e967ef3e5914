/**
 * Schema of a naming-lexicon file (rulebook/lexicon/<language>.json): one language's terms that name, qualify,
 * euphemise or deny the crime, and the hedge words that make a naming hypothetical.
 * @module
 */
import { z } from "zod";
import { ATROCITY_CRIMES, CRIME_FINDINGS, TERM_CLASSES, type LexiconLanguage } from "../domain/index.js";

/** Comparison key for duplicate detection: case and accents do not make two terms different. */
function termKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export const LexiconTermSchema = z.strictObject({
  text: z.string().trim().min(1, "a term has text"),
  class: z.enum(TERM_CLASSES, { message: `class is one of ${TERM_CLASSES.join(", ")}` }),
  crime: z.enum(ATROCITY_CRIMES, { message: `crime is one of ${ATROCITY_CRIMES.join(", ")}` }).optional(),
  finding: z.enum(CRIME_FINDINGS, { message: `finding is one of ${CRIME_FINDINGS.join(", ")}` }).optional(),
  note: z.string().optional(),
});

export const LexiconFileSchema = z.strictObject({
  $schema: z.string().optional(),
  language: z.string().regex(/^[a-z]{2,3}$/, "an ISO 639 language code such as en or fr"),
  version: z.string().min(1, "a lexicon file has a version"),
  terms: z.array(LexiconTermSchema).min(1, "a lexicon file lists at least one term"),
  hedges: z.array(z.string().trim().min(1, "a hedge has text")).default([]),
  qualifiers: z.array(z.string().trim().min(1, "a qualifier has text")).default([]),
});

/**
 * Terms of a (possibly invalid) lexicon file that repeat an earlier one once case and accents are ignored.
 * Kept apart from the schema so that a file with other errors still gets its duplicates reported.
 * @example duplicateTerms([{ text: "genocide" }, { text: "Génocide" }]) // [{ index: 1, first: 0, text: "Génocide" }]
 */
export function duplicateTerms(terms: unknown): { index: number; first: number; text: string }[] {
  if (!Array.isArray(terms)) return [];
  const seen = new Map<string, number>();
  const out: { index: number; first: number; text: string }[] = [];
  terms.forEach((t: unknown, i) => {
    const text =
      typeof t === "object" && t !== null && "text" in t && typeof t.text === "string" ? t.text : undefined;
    if (text === undefined || text.trim() === "") return;
    const k = termKey(text);
    const first = seen.get(k);
    if (first !== undefined) out.push({ index: i, first, text });
    else seen.set(k, i);
  });
  return out;
}

export type LexiconFile = z.infer<typeof LexiconFileSchema>;

/** The language part of a parsed lexicon file, as the domain sees it. */
export function toLexiconLanguage(f: LexiconFile): LexiconLanguage {
  return {
    language: f.language,
    terms: f.terms.map((t) => ({
      text: t.text,
      class: t.class,
      ...(t.crime === undefined ? {} : { crime: t.crime }),
      ...(t.finding === undefined ? {} : { finding: t.finding }),
      ...(t.note === undefined ? {} : { note: t.note }),
    })),
    hedges: f.hedges,
    ...(f.qualifiers.length > 0 ? { qualifiers: f.qualifiers } : {}),
  };
}
