/**
 * `tocsin import FORMAT FILE [--db PATH] [--case ID] [--strict] [--rejects FILE] [--release R] [--wait] [--json]`:
 * stream an ACLED, UCDP GED, GDELT, HXL or Tocsin file (plain, .gz or .zip) into the store, with a progress
 * bar on a terminal and a final report. Exit 0 clean, 1 rows rejected or run interrupted (re-run resumes),
 * 2 invalid input, strict rejects or another import of the same file running (nothing written).
 * @module
 */
import type { Command } from "commander";
import { FORMAT_NAMES } from "../importers/formats/index.js";
import { exitCodeOf, type ImportReport } from "../importers/pipeline/import-report.js";
import { ImportError } from "../importers/import-error.js";
import { checkImportInput, importFile, type ImportProgress } from "../importers/pipeline/import-file.js";
import { StoreError } from "../storage/index.js";
import { CliError, usageError } from "./cli-error.js";
import { boundHeapGrowth } from "./heap-growth.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { escapeControls } from "./terminal-text.js";
import { withStore } from "./with-store.js";

/** The import's heap growth between full collections, in percent of what is live (see heap-growth.ts). */
const IMPORT_HEAP_GROWTH_PERCENT = 50;

interface ImportOptions {
  db?: string;
  case?: string;
  strict?: boolean;
  rejects?: string;
  release?: string;
  json?: boolean;
  progressLines?: boolean;
  wait?: boolean;
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
    .option("--wait", "if an import of the same file into the same case is running, wait for it to finish")
    .option("--json", "print the report as one JSON document")
    .option(
      "--progress-lines",
      "print `committed rows N` on stderr after each committed batch (machine-readable acknowledgement)",
    )
    .action(async (format: string, file: string, opts: ImportOptions) => {
      // An import streams: its memory is its live data, not what the heap may grow to (heap-growth.ts).
      boundHeapGrowth(IMPORT_HEAP_GROWTH_PERCENT);
      const stage: Stage = { name: "usage" };
      try {
        await runImport(ctx, format, file, opts, stage);
      } catch (e) {
        throw failed(ctx, e, stage, opts.json === true ? { format, file } : undefined);
      }
    });
}

/** Where a failing import was, for the code of its error document. */
/** What to do after an import stopped part-way (Ctrl-C, a store error, a late file error). */
const RESUME_HINT = "the import stopped part-way; run the same command again to resume";

interface Stage {
  name: "usage" | "input" | "store";
  /** The code of a StoreError seen inside the store (withStore keeps only its message). */
  storeCode?: string;
}

async function runImport(
  ctx: CliContext,
  format: string,
  file: string,
  opts: ImportOptions,
  stage: Stage,
): Promise<void> {
  if (format !== "auto" && !(FORMAT_NAMES as readonly string[]).includes(format)) {
    throw usageError(`unknown format "${format}" (use one of: ${FORMAT_NAMES.join(", ")}, auto)`);
  }
  // Bad input (missing file, unknown format, missing columns) fails here, before the store exists:
  // nothing is created, migrated or keyed, and only the error is printed.
  stage.name = "input";
  const checked = await checkImportInput({
    format,
    file,
    ...(opts.rejects !== undefined ? { rejectsFile: opts.rejects } : {}),
    ...(opts.release !== undefined ? { release: opts.release } : {}),
  });
  stage.name = "store";
  const bar = ctx.io.isTTY ? progressBar(ctx) : undefined;
  // Ctrl-C stops after the batch in flight: what is committed stays, the report says so, a re-run resumes.
  const interrupt = new AbortController();
  const stopListening = ctx.onInterrupt?.(() => interrupt.abort());
  let report: ImportReport;
  try {
    report = await withStore(
      opts.db ?? ctx.defaultDb,
      async (store) => {
        try {
          return await importFile(store, {
            format,
            file,
            checked,
            ...(opts.case !== undefined ? { caseId: opts.case } : {}),
            strict: opts.strict ?? false,
            ...(opts.rejects !== undefined ? { rejectsFile: opts.rejects } : {}),
            ...(opts.release !== undefined ? { release: opts.release } : {}),
            clock: () => new Date(),
            signal: interrupt.signal,
            wait: opts.wait ?? false,
            onWaiting: (message: string) => ctx.io.err(`tocsin: ${escapeControls(message)}\n`),
            ...(bar ? { onProgress: bar.update } : {}),
            ...(opts.progressLines
              ? { onCommitted: (n: number) => ctx.io.err(`committed rows ${n}\n`) }
              : {}),
          });
        } catch (e) {
          if (e instanceof StoreError) stage.storeCode = e.code;
          throw e;
        }
      },
      { signPending: true },
    );
  } finally {
    stopListening?.();
    bar?.done();
  }
  if (opts.json) {
    printJson(ctx.io, report);
    // The document says `interrupted: true`; a person watching stderr is told what to do about it.
    if (report.interrupted) ctx.io.err(`tocsin: ${RESUME_HINT}\n`);
  } else printReport(ctx, report);
  const code = exitCodeOf(report);
  if (code !== 0) ctx.setExitCode(code);
}

/**
 * The error to hand to the runner, its message with control characters escaped (it may quote the input:
 * a header, a zip entry's name). With `--json`, first print the error document on stdout:
 * `{ "error": { "code", "message" }, "exitCode", "format", "file" }`, so stdout holds one JSON document
 * whatever happens.
 */
function failed(ctx: CliContext, e: unknown, stage: Stage, json?: { format: string; file: string }): Error {
  let error: Error;
  let code: string;
  if (e instanceof ImportError) {
    error = new CliError(escapeControls(e.message), 2);
    code = e.code;
  } else if (e instanceof CliError) {
    error = new CliError(escapeControls(e.message), e.exitCode);
    code = stage.name === "usage" ? "USAGE" : (stage.storeCode ?? "STORE_ERROR");
  } else {
    const message = e instanceof Error ? e.message : String(e);
    error = new Error(escapeControls(message), { cause: e });
    code = "UNEXPECTED";
  }
  if (json) {
    const exitCode = error instanceof CliError ? error.exitCode : 2;
    printJson(ctx.io, {
      error: { code, message: e instanceof Error ? e.message : String(e) },
      exitCode,
      format: json.format,
      file: json.file,
    });
  }
  return error;
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
  if (r.rejectsFile)
    lines.push(
      `  rejects: ${r.rejectsFile}${r.rejectsFromLine !== undefined ? ` (rejects before line ${r.rejectsFromLine} are not in it: the file of the interrupted run was missing)` : ""}`,
    );
  // Every line may quote the input (file and entry names, provider ids, cell values): its control
  // characters are escaped, and the only line breaks are the ones added here.
  ctx.io.out(`${lines.map(escapeControls).join("\n")}\n`);
  const err = (line: string): void => ctx.io.err(`${escapeControls(line)}\n`);
  for (const p of r.problems.slice(0, 20)) err(`line ${p.line}: ${p.reasons.join("; ")}`);
  if (r.rejected > 20)
    err(
      `… ${r.rejected - 20} more rejected row(s)${r.rejectsFile ? ` in ${r.rejectsFile}` : " (use --rejects FILE)"}`,
    );
  if (r.fileError) err(`tocsin: ${r.fileError.message}`);
  if (r.interrupted) ctx.io.err(`tocsin: ${RESUME_HINT}\n`);
}
