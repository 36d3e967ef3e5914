/**
 * Import one file into the store: resolve its format, hash it, open the rejects file, stream its rows in
 * batches — each batch one transaction that also advances the resume point — and return the report. The
 * collection's case (when it is the default one) and the batch row are created just before the first batch
 * commits, so a run that commits nothing leaves the store as it was. In strict mode a first pass checks every
 * row with every rule that can reject it (the mapper's and the citation check) and nothing is written if any is
 * rejected; so does a store without a field key given a file that may hold confidential sources (they are
 * stored encrypted). The steps live beside it: import-run.ts (the run once its input is known), prepare-run.ts
 * (lease wait, resume point, rejects file, case check), dry-pass.ts, write-pass.ts and report-builders.ts.
 * @module
 */
import type { Store } from "../../storage/store.js";
import type { ImportFormat } from "../formats/format.js";
import { ImportError } from "../import-error.js";
import { DEFAULT_LIMITS } from "../input/limits.js";
import { dryPass, needsDryPass } from "./dry-pass.js";
import { fileSha256 } from "./file-hash.js";
import { DEFAULT_BATCH_SIZE, type CheckedInput, type ImportOptions } from "./import-options.js";
import type { ImportReport } from "./import-report.js";
import { newRun } from "./import-run.js";
import { prepareRun } from "./prepare-run.js";
import { checkRejectsPath } from "./rejects-writer.js";
import { failedReport } from "./report-builders.js";
import { firstRows, resolveFormat } from "./resolve-format.js";
import { newState } from "./run-state.js";
import { scanRows } from "./scan-rows.js";
import { sniffText } from "./text-input.js";
import { writePass } from "./write-pass.js";

export {
  DEFAULT_BATCH_SIZE,
  type CheckedInput,
  type ImportOptions,
  type ImportProgress,
} from "./import-options.js";

/**
 * Open the input and check it without touching any store: it exists, its format is known, its header has
 * the required columns, and a `rejectsFile` is usable (not the input, writable; nothing is created). The CLI
 * calls this before opening the store, so bad input creates nothing.
 * @example const checked = await checkImportInput({ format: "auto", file: "ged.csv" })
 * @throws ImportError when the file is missing, unreadable, of an unknown format or lacks required columns, or
 *   when the rejects file is refused.
 */
export async function checkImportInput(
  options: Pick<ImportOptions, "format" | "file" | "limits" | "rejectsFile" | "release">,
): Promise<CheckedInput> {
  // A rejects path that is the input, a folder or not writable is refused before anything (changes nothing).
  if (options.rejectsFile !== undefined) await checkRejectsPath(options.rejectsFile, options.file);
  const sniffed = await sniffText(options.file, options.limits ?? DEFAULT_LIMITS);
  const format: ImportFormat = resolveFormat(options.format, sniffed, options.file);
  const layout = format.layout(firstRows(sniffed).firstLine);
  const limits = options.limits ?? DEFAULT_LIMITS;
  // Bind the header exactly as the import will (missing columns throw IMPORT_MISSING_COLUMNS), then stop.
  await scanRows({
    path: options.file,
    format,
    layout,
    // With the release, so a malformed `--release` is refused here, before any store is opened.
    ctx: {
      sourceId: `${format.idPrefix}.source.check`,
      ...(options.release !== undefined ? { release: options.release } : {}),
    },
    limits,
    batchSize: 1,
    resumeAfterLine: 0,
    headerOnly: true,
    onBatch: async () => undefined,
  });
  return { format, layout, sha256: await fileSha256(options.file) };
}

/**
 * Import `options.file` into `store`.
 * @example const report = await importFile(store, { format: "auto", file: "acled.csv", clock: () => new Date() })
 * @returns the report; file-level problems are in `report.fileError` (nothing more written then; nothing at
 *   all, not even the case or the batch row, when no batch had committed) — a rejects file that is the input,
 *   the store or cannot be written included.
 * @throws StoreError when the store fails (the batch in flight is rolled back; the run is resumable), or
 *   STORE_UNSAFE, before anything is written, when a row is a confidential source and the store has no field key.
 * @throws ImportError IMPORT_RUNNING, with nothing written, when another run of the same file into the same case
 *   holds its lease (see run-lease.ts) and `wait` is not set.
 */
export async function importFile(store: Store, options: ImportOptions): Promise<ImportReport> {
  const timer = options.timer ?? (() => performance.now());
  const t0 = timer();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const base = { file: options.file, strict: options.strict ?? false };
  let format: ImportFormat | undefined;
  let input: CheckedInput;
  try {
    if (options.checked) input = options.checked;
    else {
      const sniffed = await sniffText(options.file, limits);
      format = resolveFormat(options.format, sniffed, options.file);
      input = {
        format,
        layout: format.layout(firstRows(sniffed).firstLine),
        sha256: await fileSha256(options.file),
      };
    }
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    const name = format?.name ?? options.format;
    return failedReport(base, name, options.caseId ?? `import-${name}`, newState(), e, timer() - t0, false);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const run = newRun(store, options, input, { timer, t0, limits, batchSize, base });
  const prep = await prepareRun(run);
  if ("failed" in prep) return prep.failed;
  if (needsDryPass(run)) {
    const stopped = await dryPass(run);
    if (stopped) return stopped;
  }
  return writePass(run, prep);
}
