/**
 * `tocsin case validate DIR`, `tocsin case load DIR [--db PATH]` and `tocsin case export ID DIR`.
 * @module
 */
import path from "node:path";
import type { Command } from "commander";
import { readBackfillMarks, readCaseFolder, type CaseReadResult } from "../casefiles/index.js";
import { loadCase } from "../storage/index.js";
import { RECORD_KINDS, type CaseBundle } from "../domain/index.js";
import { usageError } from "./cli-error.js";
import { registerCaseExport } from "./case-export.command.js";
import { formatProblem, readValidBackfills, readValidCase } from "./case-source.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

/** Register `case validate`, `case load` and `case export`. */
export function registerCaseCommand(program: Command, ctx: CliContext): void {
  const cmd = program.command("case").description("validate, load or export a case folder");

  cmd
    .command("validate")
    .description("check a case folder and list every problem (file, line, record, field); exit 2 if any")
    .argument("<dir>", "the case folder")
    .option("--json", "print the result as one JSON document")
    .action(async (dir: string, opts: { json?: boolean }) => {
      const result = await withBackfillProblems(path.resolve(dir), await readCaseFolder(path.resolve(dir)));
      if (opts.json) {
        printJson(
          ctx.io,
          result.ok
            ? { ok: true, caseId: result.bundle.manifest.id, counts: countsOf(result.bundle) }
            : result,
        );
      } else if (result.ok) {
        const counts = countsOf(result.bundle);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        ctx.io.out(`${dir}: case "${result.bundle.manifest.id}" is valid (${total} records)\n`);
      } else {
        for (const p of result.problems) ctx.io.out(`${formatProblem(p)}\n`);
        ctx.io.err(`${dir}: ${result.problems.length} problem(s)\n`);
      }
      if (!result.ok) ctx.setExitCode(2);
    });

  cmd
    .command("load")
    .description("validate a case folder and load it into the store in one transaction (idempotent)")
    .argument("<dir>", "the case folder")
    .option("--db <path>", "SQLite file or postgres:// URL (default: TOCSIN_DB or ./tocsin.db)")
    .option("--json", "print the load report as one JSON document")
    .action(async (dir: string, opts: { db?: string; json?: boolean }) => {
      const bundle = await readValidCase(ctx, path.resolve(dir));
      const backfills = await readValidBackfills(ctx, path.resolve(dir), bundle);
      const report = await withStore(
        opts.db ?? ctx.defaultDb,
        (store) => loadCase(store, bundle, backfills ? { backfills } : {}),
        { signPending: true },
      );
      if (opts.json) {
        printJson(ctx.io, report);
        return;
      }
      const t = report.totals;
      ctx.io.out(
        `loaded case "${report.caseId}": ${t.inserted} inserted, ${t.updated} updated, ${t.unchanged} unchanged, ${t.deleted} deleted\n`,
      );
    });

  registerCaseExport(cmd, ctx);

  cmd.hook("preAction", (_this, action) => {
    if (action.args.length === 0) throw usageError("a case folder is required");
  });
}

/** An exported folder's backfill marks are checked with it (`case load` re-creates them). */
async function withBackfillProblems(dir: string, result: CaseReadResult): Promise<CaseReadResult> {
  if (!result.ok) return result;
  const marks = await readBackfillMarks(dir, result.bundle);
  return marks.ok ? result : { ok: false, problems: marks.problems };
}

function countsOf(bundle: CaseBundle): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of RECORD_KINDS) counts[kind] = bundle.records[kind].length;
  return counts;
}
