/** Where the built-in cases live in the package (`cases/<id>/`), and which there are. @module */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** The folder under the package root that holds the built-in cases. */
export const CASES_FOLDER = "cases";

const CASE_ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;

/** Thrown when a case id could not be a folder name of `cases/` (e.g. it contains "/" or ".."). */
export class CaseIdError extends Error {
  readonly code = "CASE_ID_INVALID";
  constructor(readonly caseId: string) {
    super(`"${caseId}" is not a case id (lower-case letters, digits, '.', '-' or '_')`);
    this.name = "CaseIdError";
  }
}

/**
 * The folder of built-in case `id` (whether or not it exists; {@link listBuiltInCases} says which do).
 * @throws CaseIdError when `id` is not a valid case id, so a user-typed id never escapes `cases/`.
 * @example builtInCaseDir("/opt/tocsin", "rwanda-1990-1994") // "/opt/tocsin/cases/rwanda-1990-1994"
 */
export function builtInCaseDir(packageRoot: string, id: string): string {
  if (!CASE_ID.test(id) || id.startsWith(".")) throw new CaseIdError(id);
  return join(packageRoot, CASES_FOLDER, id);
}

/**
 * The ids of the built-in cases: folders of `cases/` that hold a `case.json`, sorted. Empty when there are none.
 * @example await listBuiltInCases("/opt/tocsin") // ["rwanda-1990-1994"]
 */
export async function listBuiltInCases(packageRoot: string): Promise<string[]> {
  const root = join(packageRoot, CASES_FOLDER);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const name of names.sort()) {
    if (!CASE_ID.test(name)) continue;
    try {
      if ((await stat(join(root, name, "case.json"))).isFile()) ids.push(name);
    } catch {
      // not a case folder (e.g. cases/schema)
    }
  }
  return ids;
}
