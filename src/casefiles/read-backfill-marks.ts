/**
 * Reading the backfill marks of an exported case folder (`provenance/backfills.json`), so that `case load`
 * re-creates them: each mark checked by its schema and against the case's records, problems with file, line and
 * field. A folder without the file says nothing about marks (a load then leaves the stored ones alone).
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BackfillMarksSchema, type BackfillMarkInput } from "../contracts/index.js";
import type { CaseBundle, RecordKind } from "../domain/index.js";
import { BACKFILLS_FILE } from "./case-folder-files.js";
import type { CaseProblem } from "./case-problem.js";
import { parseJsonLocated } from "./json-locate.js";
import { zodProblems } from "./zod-problems.js";

/** The marks (undefined when the folder has no marks file), or every problem found in the file. */
export type BackfillReadResult =
  | { readonly ok: true; readonly marks: readonly BackfillMarkInput[] | undefined }
  | { readonly ok: false; readonly problems: readonly CaseProblem[] };

/**
 * The backfill marks of the case folder `dir`, checked against `bundle` (its records, read by `readCaseFolder`).
 * @example const r = await readBackfillMarks("out/live-desk", bundle); if (r.ok) r.marks.length
 */
export async function readBackfillMarks(dir: string, bundle: CaseBundle): Promise<BackfillReadResult> {
  let text: string;
  try {
    text = await readFile(join(dir, BACKFILLS_FILE), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, marks: undefined };
    return { ok: false, problems: [{ file: BACKFILLS_FILE, message: "cannot read file" }] };
  }
  const json = parseJsonLocated(text);
  if (!json.ok)
    return {
      ok: false,
      problems: [
        {
          file: BACKFILLS_FILE,
          line: json.line,
          message: `JSON syntax error at line ${json.line}, column ${json.column}: ${json.message}`,
        },
      ],
    };
  const parsed = BackfillMarksSchema.safeParse(json.value);
  if (!parsed.success)
    return { ok: false, problems: zodProblems(parsed.error, BACKFILLS_FILE, [], undefined, json.lineOf) };
  const problems: CaseProblem[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((m, i) => {
    const key = `${m.kind}\u0000${m.id}`;
    const ids = (bundle.records[m.kind as RecordKind] as readonly { id: string }[]).map((r) => r.id);
    if (!ids.includes(m.id))
      problems.push({
        file: BACKFILLS_FILE,
        line: json.lineOf([i, "id"]),
        field: `[${i}].id`,
        message: `no ${m.kind} with id "${m.id}" in this case`,
      });
    else if (seen.has(key))
      problems.push({
        file: BACKFILLS_FILE,
        line: json.lineOf([i, "id"]),
        field: `[${i}].id`,
        message: `${m.kind} "${m.id}" is marked twice`,
      });
    seen.add(key);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, marks: parsed.data };
}
