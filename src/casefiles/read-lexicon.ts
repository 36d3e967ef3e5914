/**
 * Read the naming lexicon from a folder of per-language JSON files (rulebook/lexicon/), validate every file,
 * and return the lexicon or every problem found (file, field, line). Never throws for bad input.
 * @module
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { duplicateTerms, LexiconFileSchema, toLexiconLanguage } from "../contracts/index.js";
import type { Lexicon, LexiconLanguage } from "../domain/index.js";
import { formatField, type CaseProblem } from "./case-problem.js";
import { parseJsonLocated } from "./json-locate.js";

/** What {@link readLexicon} returns. */
export type LexiconReadResult =
  | { readonly ok: true; readonly lexicon: Lexicon }
  | { readonly ok: false; readonly problems: readonly CaseProblem[] };

/**
 * Validate one lexicon file's text. `file` names it in problems; its base name must be the language code.
 * @example parseLexiconFile("en.json", text) // { ok: true, language: { language: "en", … }, version: "1" }
 */
export function parseLexiconFile(
  file: string,
  text: string,
): { ok: true; language: LexiconLanguage; version: string } | { ok: false; problems: CaseProblem[] } {
  const located = parseJsonLocated(text);
  if (!located.ok) {
    return {
      ok: false,
      problems: [{ file, line: located.line, message: `invalid JSON: ${located.message}` }],
    };
  }
  const problems: CaseProblem[] = [];
  const at = (path: readonly (string | number)[], message: string): CaseProblem => {
    const field = formatField(path);
    return { file, ...(field === "" ? {} : { field }), line: located.lineOf(path), message };
  };
  const parsed = LexiconFileSchema.safeParse(located.value);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      problems.push(
        at(
          i.path.filter((p): p is string | number => typeof p !== "symbol"),
          i.message,
        ),
      );
    }
  }
  const raw = located.value as { terms?: unknown; language?: unknown } | null;
  for (const d of duplicateTerms(raw?.terms)) {
    problems.push(
      at(
        ["terms", d.index, "text"],
        `"${d.text}" repeats terms[${d.first}] (case and accents are ignored when matching)`,
      ),
    );
  }
  const expected = file.replace(/^.*\//, "").replace(/\.json$/, "");
  if (typeof raw?.language === "string" && raw.language !== expected) {
    problems.push(
      at(["language"], `language "${raw.language}" does not match the file name "${expected}.json"`),
    );
  }
  if (!parsed.success || problems.length > 0)
    return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  return { ok: true, language: toLexiconLanguage(parsed.data), version: parsed.data.version };
}

/**
 * Read every `*.json` file of `dir` as one language of the lexicon.
 * @example await readLexicon(join(packageRoot, "rulebook/lexicon"))
 */
export async function readLexicon(dir: string): Promise<LexiconReadResult> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch (e) {
    const message =
      e instanceof Error && "code" in e && e.code === "ENOENT" ? "folder not found" : "folder cannot be read";
    return { ok: false, problems: [{ file: dir, message }] };
  }
  if (names.length === 0)
    return { ok: false, problems: [{ file: dir, message: "no lexicon file (<language>.json)" }] };
  const problems: CaseProblem[] = [];
  const languages: LexiconLanguage[] = [];
  const versions: string[] = [];
  for (const name of names) {
    const r = parseLexiconFile(name, await readFile(join(dir, name), "utf8"));
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    languages.push(r.language);
    versions.push(`${r.language.language}@${r.version}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, lexicon: { version: versions.join("+"), languages } };
}
