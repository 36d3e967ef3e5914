/**
 * `tocsin case export ID DIR [--db PATH] [--force]`: a stored case written back as a case folder that the case
 * checker accepts and `tocsin case load` loads into the same records (byte-stable: the same case gives the
 * same files). Confidential sources are written as their public view; their identity stays in the store.
 * @module
 */
import path from "node:path";
import type { Command } from "commander";
import { caseFolderFiles, writeCaseFolder } from "../casefiles/index.js";
import { readCaseSnapshot } from "../storage/index.js";
import { CliError, usageError } from "./cli-error.js";
import { formatProblem } from "./case-source.js";
import type { CliContext } from "./context.js";
import { withStore } from "./with-store.js";

interface ExportOptions {
  readonly db?: string;
  readonly force?: boolean;
}

/** Register `case export` under the `case` command. */
export function registerCaseExport(cmd: Command, ctx: CliContext): void {
  cmd
    .command("export")
    .description(
      "write a stored case as a case folder (validated, byte-stable); confidential sources as their public view",
    )
    .argument("<id>", "the case id")
    .argument("<dir>", "the folder to write (must be empty or absent; --force replaces a case folder)")
    .option("--db <path>", "SQLite file or postgres:// URL (default: TOCSIN_DB or ./tocsin.db)")
    .option("--force", "replace the case folder DIR holds")
    .action(async (id: string, dir: string, opts: ExportOptions) => {
      const target = path.resolve(dir);
      // Protected fields are never read: the store opens without the field key.
      const files = await withStore(
        opts.db ?? ctx.defaultDb,
        async (store) => {
          const snapshot = await readCaseSnapshot(store, id);
          if (snapshot === undefined) throw usageError(`no case with id "${id}" in the store`);
          return caseFolderFiles(snapshot.bundle, snapshot.backfills);
        },
        { noFieldKey: true },
      );
      const result = await writeCaseFolder(target, files, { force: opts.force === true });
      if (!result.ok && "refused" in result) throw usageError(`${result.refused}; nothing was written`);
      if (!result.ok) {
        for (const p of result.problems) ctx.io.err(`${formatProblem(p)}\n`);
        throw new CliError(
          `case "${id}" as stored does not pass the case checker: ${result.problems.length} problem(s); nothing was written`,
          1,
        );
      }
      ctx.io.out(`exported case "${id}" to ${dir} (${result.files} files)\n`);
    });
}
