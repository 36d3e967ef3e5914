/** Loading the real rulebook and case folders for the cross-adapter engine tests. @module */
import { join } from "node:path";
import { loadRulebook } from "../../src/casefiles/read-rulebook.js";
import { readCaseFolder } from "../../src/casefiles/read-case-folder.js";
import { readLexicon } from "../../src/casefiles/read-lexicon.js";
import { RECORD_KINDS, type CaseBundle, type CaseRecords, type Lexicon } from "../../src/domain/index.js";
import type { ValidRulebook } from "../../src/engine/index.js";

export const packageRoot = join(import.meta.dirname, "../..");

/** The package rulebook; throws with every problem when it is invalid. */
export async function packageRulebook(): Promise<ValidRulebook> {
  const r = await loadRulebook(packageRoot);
  if (!r.ok) throw new Error(`rulebook invalid: ${JSON.stringify(r.problems, null, 2)}`);
  return r.rulebook;
}

/** A case folder relative to the package root; throws with every problem when it is invalid. */
export async function caseAt(folder: string): Promise<CaseBundle> {
  const r = await readCaseFolder(join(packageRoot, folder));
  if (!r.ok) throw new Error(`${folder} invalid: ${JSON.stringify(r.problems.slice(0, 10), null, 2)}`);
  return r.bundle;
}

/** The bundle with every record known after `day` deleted (the data as it stood on `day`). */
export function truncate(bundle: CaseBundle, day: string): CaseBundle {
  const records: Record<string, unknown> = {};
  for (const kind of RECORD_KINDS)
    records[kind] = (bundle.records[kind] as readonly { knownAt: string }[]).filter((r) => r.knownAt <= day);
  return { manifest: bundle.manifest, records: records as unknown as CaseRecords };
}

/** The package naming lexicon; throws with every problem when it is invalid. */
export async function packageLexicon(): Promise<Lexicon> {
  const r = await readLexicon(join(packageRoot, "rulebook", "lexicon"));
  if (!r.ok) throw new Error(`lexicon invalid: ${JSON.stringify(r.problems, null, 2)}`);
  return r.lexicon;
}
