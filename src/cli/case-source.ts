/**
 * Resolving `--case ID` / `--case-dir DIR` to a validated case bundle, with every problem printed when the
 * folder is invalid (exit 2, nothing written).
 * @module
 */
import path from "node:path";
import type { CaseBundle } from "../domain/index.js";
import { readBackfillMarks, readCaseFolder, type CaseProblem } from "../casefiles/index.js";
import type { BackfillMarkInput } from "../contracts/index.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";

/** One problem as a line: `file:line record field: message`. */
export function formatProblem(p: CaseProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  const rec = p.recordId !== undefined ? ` [${p.recordId}]` : "";
  const field = p.field !== undefined && p.field !== "" ? ` ${p.field}` : "";
  return `${where}${rec}${field}: ${p.message}`;
}

/** The folder a `--case` / `--case-dir` pair names; exactly one must be given. */
export function caseDirFrom(ctx: CliContext, opts: { case?: string; caseDir?: string }): string {
  if (opts.case !== undefined && opts.caseDir !== undefined)
    throw usageError("give either --case ID or --case-dir DIR, not both");
  if (opts.caseDir !== undefined) return path.resolve(opts.caseDir);
  if (opts.case !== undefined) {
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(opts.case)) throw usageError(`--case "${opts.case}" is not a case id`);
    return path.join(ctx.packageRoot, "cases", opts.case);
  }
  throw usageError("name a case with --case ID (built-in) or --case-dir DIR");
}

/** Read and validate a case folder; on problems print them all to stderr and fail with exit 2. */
export async function readValidCase(ctx: CliContext, dir: string): Promise<CaseBundle> {
  const result = await readCaseFolder(dir);
  if (!result.ok) {
    for (const p of result.problems) ctx.io.err(`${formatProblem(p)}\n`);
    throw usageError(`${dir}: ${result.problems.length} problem(s); nothing was written`);
  }
  return result.bundle;
}

/** The backfill marks of an exported folder (undefined without them); on problems print them all, exit 2. */
export async function readValidBackfills(
  ctx: CliContext,
  dir: string,
  bundle: CaseBundle,
): Promise<readonly BackfillMarkInput[] | undefined> {
  const result = await readBackfillMarks(dir, bundle);
  if (!result.ok) {
    for (const p of result.problems) ctx.io.err(`${formatProblem(p)}\n`);
    throw usageError(`${dir}: ${result.problems.length} problem(s); nothing was written`);
  }
  return result.marks;
}
