/** Reading the committed cases, the shipped lexicon and the rulebook for the analysis suites. @module */
import { join } from "node:path";
import { readCaseFolder } from "../../../src/casefiles/read-case-folder.js";
import { readLexicon } from "../../../src/casefiles/read-lexicon.js";
import { loadRulebook } from "../../../src/casefiles/read-rulebook.js";
import type { CaseBundle, Lexicon } from "../../../src/domain/index.js";
import { replay } from "../../../src/engine/index.js";
import { levelSpansFromChanges, type LevelSpan } from "../../../src/analysis/index.js";

export const ROOT = join(import.meta.dirname, "../../..");

/** A case folder's bundle; fails the test with every problem when the folder is invalid. */
export async function loadCase(dir: string): Promise<CaseBundle> {
  const r = await readCaseFolder(dir);
  if (!r.ok) throw new Error(`${dir}: ${JSON.stringify(r.problems.slice(0, 5))}`);
  return r.bundle;
}

/** The shipped naming lexicon. */
export async function loadLexicon(): Promise<Lexicon> {
  const r = await readLexicon(join(ROOT, "rulebook/lexicon"));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.lexicon;
}

/** The level timeline of a case from a day-by-day replay of the shipped rulebook (as `tocsin report` does). */
export async function replayLevels(bundle: CaseBundle): Promise<LevelSpan[]> {
  const rb = await loadRulebook(ROOT);
  if (!rb.ok) throw new Error(JSON.stringify(rb.problems));
  const result = replay(bundle, rb.rulebook, { step: "day" });
  return levelSpansFromChanges(
    result.alerts.map((a) => ({
      date: a.date,
      situation: a.situation.id,
      level: a.level,
      country: a.situation.country,
    })),
    result.to,
  );
}

/** The one element of `list` that satisfies `pred`; fails when there is none or more than one. */
export function only<T>(list: readonly T[], pred: (x: T) => boolean, what: string): T {
  const found = list.filter(pred);
  if (found.length !== 1) throw new Error(`expected exactly one ${what}, found ${found.length}`);
  return found[0] as T;
}
