/**
 * `tocsin import FORMAT FILE [--db PATH] [--case ID] [--strict] [--rejects FILE] [--release R] [--json]`:
 * stream an ACLED, UCDP GED, GDELT, HXL or Tocsin file (plain, .gz or .zip) into the store, with a progress
 * bar on a terminal and a final report. Exit 0 clean, 1 rows rejected or run interrupted (re-run resumes),
 * 2 invalid input or strict rejects (nothing written).
 * @module
 */
import type { Command } from "commander";
import { FORMAT_NAMES } from "../importers/formats/index.js";
import { exitCodeOf, type ImportReport } from "../importers/pipeline/import-report.js";
import { ImportError } from "../importers/import-error.js";
import {
  checkImportInput,
  importFile,
  type CheckedInput,
  type ImportProgress,
} from "../importers/pipeline/import-file.js";
import { CliError, usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

interface ImportOptions {
  db?: string;
  case?: string;
  strict?: boolean;
  rejects?: string;
  release?: string;
  json?: boolean;
  progressLines?: boolean;
}

/** Register `import`. */
export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("import event data: acled | ucdp-ged | gdelt | hxl | tocsin | auto (plain, .gz or .zip)")
    .argument("<format>", `${FORMAT_NAMES.join(" | ")} | auto`)
    .argument("<file>", "the file to import")
    .option("--db <path>", "the store (SQLite file or postgres:// URL)")
    .option(
      "--case <id>",
      "attach the records to this existing case (default: import-FORMAT, created when missing)",
    )
    .option("--strict", "write nothing if any row is rejected (exit 2)")
    .option("--rejects <file>", "write rejected rows (line, field, reason, raw) to this CSV file")
    .option("--release <version>", "dataset release, e.g. UCDP GED 23.1 (sets knownAt and orders updates)")
    .option("--json", "print the report as one JSON document")
    .option(
      "--progress-lines",
      "print `committed rows N` on stderr after each committed batch (machine-readable acknowledgement)",
    )
    .action(async (format: string, file: string, opts: ImportOptions) => {
      if (format !== "auto" && !(FORMAT_NAMES as readonly string[]).includes(format)) {
        throw usageError(`unknown format "${format}" (use one of: ${FORMAT_NAMES.join(", ")}, auto)`);
      }
      // Bad input (missing file, unknown format, missing columns) fails here, before the store exists:
      // nothing is created, migrated or keyed, and only the error is printed.
      let checked: CheckedInput;
      try {
        checked = await checkImportInput({ format, file });
      } catch (e) {
        if (e instanceof ImportError) throw new CliError(e.message, 2);
        throw e;
      }
      const bar = ctx.io.isTTY ? progressBar(ctx) : undefined;
      const report = await withStore(
        opts.db ?? ctx.defaultDb,
        (store) =>
          importFile(store, {
            format,
            file,
            checked,
            ...(opts.case !== undefined ? { caseId: opts.case } : {}),
            strict: opts.strict ?? false,
            ...(opts.rejects !== undefined ? { rejectsFile: opts.rejects } : {}),
            ...(opts.release !== undefined ? { release: opts.release } : {}),
            clock: () => new Date(),
            ...(bar ? { onProgress: bar.update } : {}),
            ...(opts.progressLines
              ? { onCommitted: (n: number) => ctx.io.err(`committed rows ${n}\n`) }
              : {}),
          }),
        { signPending: true },
      );
      bar?.done();
      if (opts.json) printJson(ctx.io, report);
      else printReport(ctx, report);
      const code = exitCodeOf(report);
      if (code !== 0) ctx.setExitCode(code);
    });
}

/** A one-line progress bar on stderr: rows, rows per second, and the ETA when the size is known. */
function progressBar(ctx: CliContext): { update: (p: ImportProgress) => void; done: () => void } {
  let shown = false;
  return {
    update: (p) => {
      const rate = p.elapsedMs > 0 ? (p.rows * 1000) / p.elapsedMs : 0;
      let line = `${p.rows.toLocaleString("en")} rows  ${Math.round(rate).toLocaleString("en")} rows/s`;
      if (p.totalBytes !== undefined && p.totalBytes > 0 && p.bytesRead > 0) {
        const frac = Math.min(1, p.bytesRead / p.totalBytes);
        const width = 30;
        const filled = Math.round(frac * width);
        const etaS = frac > 0 ? ((p.elapsedMs / frac) * (1 - frac)) / 1000 : 0;
        line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${line}  ETA ${formatSeconds(etaS)}`;
      }
      ctx.io.err(`\r${line}\u001b[K`);
      shown = true;
    },
    done: () => {
      if (shown) ctx.io.err("\r\u001b[K");
    },
  };
}

function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  const r = Math.round(s % 60);
  return m > 0 ? `${m}m${String(r).padStart(2, "0")}s` : `${r}s`;
}

/** The human report on stdout; problems (first 20) on stderr. */
function printReport(ctx: CliContext, r: ImportReport): void {
  const lines = [
    `${r.file}: ${r.format}${r.variant ? ` (${r.variant})` : ""} → case ${r.caseId}`,
    `  read ${r.read}, imported ${r.imported}, updated ${r.updated}, unchanged ${r.unchanged}, deleted ${r.deleted}, skipped ${r.skipped}, rejected ${r.rejected}`,
    `  time ${(r.elapsedMs / 1000).toFixed(2)} s (${r.rowsPerSecond.toLocaleString("en")} rows/s)${r.encoding ? `, encoding ${r.encoding}` : ""}${r.packaging && r.packaging !== "plain" ? `, ${r.packaging}` : ""}`,
  ];
  if (r.resumedAfterLine !== undefined)
    lines.push(`  resumed an interrupted import after line ${r.resumedAfterLine}`);
  if (r.deleted > 0)
    lines.push(
      `  deleted by the provider: ${r.deletedIds.slice(0, 10).join(", ")}${r.deleted > 10 ? ", …" : ""}`,
    );
  for (const [reason, n] of Object.entries(r.skipReasons)) lines.push(`  skipped ${n}: ${reason}`);
  if (r.olderThanStored > 0)
    lines.push(`  ${r.olderThanStored} row(s) older than the stored version were kept out`);
  if (r.strict && r.rejected > 0) lines.push("  strict: nothing was written");
  if (r.rejectsFile) lines.push(`  rejects: ${r.rejectsFile}`);
  ctx.io.out(`${lines.join("\n")}\n`);
  for (const p of r.problems.slice(0, 20)) ctx.io.err(`line ${p.line}: ${p.reasons.join("; ")}\n`);
  if (r.rejected > 20)
    ctx.io.err(
      `… ${r.rejected - 20} more rejected row(s)${r.rejectsFile ? ` in ${r.rejectsFile}` : " (use --rejects FILE)"}\n`,
    );
  if (r.fileError) ctx.io.err(`tocsin: ${r.fileError.message}\n`);
  if (r.interrupted)
    ctx.io.err("tocsin: the import stopped part-way; run the same command again to resume\n");
}
