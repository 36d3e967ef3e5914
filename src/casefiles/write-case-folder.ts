/**
 * Writing an exported case folder atomically: the files go to a temporary folder beside the target, are
 * checked there by the one case checker (`readCaseFolder`), and only then renamed into place — a failure at
 * any step leaves the target as it was and no temporary folder behind.
 * @module
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { CaseFolderFile } from "./case-folder-files.js";
import { MANIFEST_FILE } from "./check-case.js";
import { readCaseFolder, type CaseProblem } from "./read-case-folder.js";

/** What {@link writeCaseFolder} did: written, or why nothing was. */
export type CaseFolderWriteResult =
  | { readonly ok: true; readonly files: number }
  | { readonly ok: false; readonly refused: string }
  | { readonly ok: false; readonly problems: readonly CaseProblem[] };

export interface CaseFolderWriteOptions {
  /** Replace a folder that holds a case already (one with a `case.json`); an empty folder needs no force. */
  readonly force?: boolean;
}

/** The entries of `dir`, or undefined when it does not exist. @throws when it is a file. */
async function entriesOf(dir: string): Promise<string[] | undefined> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} is a file, not a folder`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return readdir(dir);
}

/** Why `dir` may not be replaced, or undefined when it may. */
function refusal(dir: string, entries: readonly string[] | undefined, force: boolean): string | undefined {
  if (entries === undefined || entries.length === 0) return undefined;
  if (!force) return `${dir} is not empty; use --force to replace the case folder it holds`;
  if (!entries.includes(MANIFEST_FILE))
    return `${dir} is not empty and holds no ${MANIFEST_FILE}: refusing to replace a folder that is not a case folder`;
  return undefined;
}

/**
 * Write `files` as the case folder `dir` (created, or replaced as a whole with `force`).
 * @example await writeCaseFolder("out/my-case", caseFolderFiles(bundle), { force: true })
 * @returns `refused` (a non-empty folder without force) or every problem the case checker found; nothing is
 * written then.
 */
export async function writeCaseFolder(
  dir: string,
  files: readonly CaseFolderFile[],
  options: CaseFolderWriteOptions = {},
): Promise<CaseFolderWriteResult> {
  let entries: string[] | undefined;
  try {
    entries = await entriesOf(dir);
  } catch (e) {
    return { ok: false, refused: (e as Error).message };
  }
  const refused = refusal(dir, entries, options.force === true);
  if (refused !== undefined) return { ok: false, refused };

  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(6).toString("hex");
  const temp = join(parent, `.${basename(dir)}.export-${suffix}`);
  const old = join(parent, `.${basename(dir)}.replaced-${suffix}`);
  try {
    await mkdir(temp);
    for (const f of files) {
      await mkdir(dirname(join(temp, f.path)), { recursive: true });
      await writeFile(join(temp, f.path), f.text, { encoding: "utf8", flag: "wx" });
    }
    const check = await readCaseFolder(temp);
    if (!check.ok) return { ok: false, problems: check.problems };
    if (entries !== undefined) await rename(dir, old);
    try {
      await rename(temp, dir);
    } catch (e) {
      if (entries !== undefined) await rename(old, dir);
      throw e;
    }
    await rm(old, { recursive: true, force: true });
    return { ok: true, files: files.length };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
