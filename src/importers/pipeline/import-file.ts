/**
 * Import one file into the store: resolve its format, hash it, open the rejects file, stream its rows in
 * batches — each batch one transaction that also advances the resume point — and return the report. The
 * collection's case (when it is the default one) and the batch row are created just before the first batch
 * commits, so a run that commits nothing leaves the store as it was. In strict mode a first pass checks every
 * row with every rule that can reject it (the mapper's and the citation check) and nothing is written if any is
 * rejected; so does a store without a field key given a file that may hold confidential sources (they are
 * stored encrypted).
 * @module
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import { openImportWriter, type ImportWriter } from "../../storage/imports/import-writer.js";
import {
  ensureImportCase,
  existingRecords,
  existingSources,
  findResumableBatch,
  startBatch,
  storedSourceDates,
} from "../../storage/imports/import.repository.js";
import type { Store } from "../../storage/store.js";
import { sourceToIdentityRows } from "../../storage/records/source.mapper.js";
import { StoreError } from "../../storage/store-error.js";
import { hasFieldKey } from "../../storage/store-registry.js";
import type { FormatContext, ImportFormat, Layout } from "../formats/format.js";
import { ImportError } from "../import-error.js";
import { DEFAULT_LIMITS } from "../input/limits.js";
import { fileSha256 } from "./file-hash.js";
import type { ImportReport } from "./import-report.js";
import { ReferenceCheck } from "./reference-check.js";
import { checkRejectsPath, RejectsWriter } from "./rejects-writer.js";
import { firstRows, resolveFormat } from "./resolve-format.js";
import { awaitNoRunningImport, RunLease } from "./run-lease.js";
import { newState, recordReject, type RunState } from "./run-state.js";
import { scanRows, type ScannedRow } from "./scan-rows.js";
import { sniffText, type TextInput } from "./text-input.js";
import { writeBatch } from "./write-batch.js";
import { DEFAULT_BATCH_SIZE, type CheckedInput, type ImportOptions } from "./import-options.js";

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
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const strict = options.strict ?? false;
  const base = { file: options.file, strict };
  let format: ImportFormat | undefined;
  let layout: Layout | undefined;
  let sha256: string | undefined;
  try {
    if (options.checked) ({ format, layout, sha256 } = options.checked);
    else {
      const sniffed = await sniffText(options.file, limits);
      format = resolveFormat(options.format, sniffed, options.file);
      layout = format.layout(firstRows(sniffed).firstLine);
      sha256 = await fileSha256(options.file);
    }
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    const caseId = options.caseId ?? `import-${format?.name ?? options.format}`;
    return failedReport(base, format?.name ?? options.format, caseId, newState(), e, timer() - t0, false);
  }
  const caseId = options.caseId ?? `import-${format.name}`;
  const sourceId = `${format.idPrefix}.source.${sha256.slice(0, 16)}`;
  const ctx: FormatContext = {
    sourceId,
    ...(options.release !== undefined ? { release: options.release } : {}),
  };
  const rejects = new RejectsWriter(options.rejectsFile);
  const common = {
    ...base,
    format: format.name,
    caseId,
    sha256,
    sourceId,
    ...(options.rejectsFile ? { rejectsFile: options.rejectsFile } : {}),
  };
  // Another run of this file into this case: stop here, or wait for it (reading the store, writing nothing).
  const leaseKey = { caseId, format: format.name, sha256 };
  try {
    await awaitNoRunningImport(store, options.file, leaseKey, {
      wait: options.wait ?? false,
      clock: options.clock,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
    });
  } catch (e) {
    if (!(e instanceof ImportError) || e.code === "IMPORT_RUNNING") throw e;
    return failedReport(common, format.name, caseId, newState(), e, timer() - t0, false);
  }
  // An interrupted run of the same file to resume (reading the store, writing nothing).
  const resumable = await findResumableBatch(store, caseId, format.name, sha256);
  const resumeAfterLine = resumable?.last_line ?? 0;
  // The lease is taken with the first commit; it checks that this resume point is still the store's then.
  const lease = new RunLease(store, options.file, basename(options.file), leaseKey, options.clock);
  const pointOf = (b: typeof resumable): string => (b ? `${b.id}@${b.last_line}` : "");
  const resumePoint = async () => pointOf(await findResumableBatch(store, caseId, format.name, sha256));
  // The rejects file is checked and opened before anything is written: never the input or the store's file,
  // and a path that cannot be written fails the run here, not after rows were committed. A resumed run
  // appends to the interrupted run's rejects file (a strict run's dry pass covers the whole file: replaced).
  const appendRejects = resumeAfterLine > 0 && !strict;
  let rejectsFromLine: number | undefined;
  try {
    const appended = await rejects.open(options.file, storeFiles(store), appendRejects);
    if (appendRejects && options.rejectsFile !== undefined && !appended)
      rejectsFromLine = resumeAfterLine + 1;
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return failedReport(common, format.name, caseId, newState(), e, timer() - t0, false);
  }
  // Reading the store, writing nothing: whether a named case exists (a default one is created with the first
  // batch), and an interrupted run of the same file to resume.
  const now = options.clock().toISOString();
  const create = options.caseId === undefined;
  if (!create && !(await ensureImportCase(store, caseId, "", false, now))) {
    await rejects.close();
    const e = new ImportError(
      "IMPORT_CASE_MISSING",
      `case ${caseId} does not exist: load it first, or omit --case to import into import-${format.name}`,
    );
    return failedReport(common, format.name, caseId, newState(), e, timer() - t0, false);
  }
  const storedSources = (ids: readonly string[]) => existingSources(store, caseId, ids);
  const storedActors = (ids: readonly string[]) => existingRecords(store, caseId, "actor", ids);

  // A dry pass first when strict (any reject means nothing is written), and when the rows may be confidential
  // sources but the store has no field key to encrypt them (one such row means nothing is written). It applies
  // every rule that can reject a row: the mapper's, and the citation check the writing pass applies.
  const keyCheck = format.importsSources === true && !hasFieldKey(store);
  if (strict || keyCheck) {
    const dry = newState();
    const dryCitations = new ReferenceCheck(caseId, sourceId, storedSources, storedActors);
    let needsKey: ScannedRow | undefined;
    try {
      const { bound, input } = await scanRows({
        path: options.file,
        format,
        layout,
        ctx,
        limits,
        batchSize,
        resumeAfterLine: 0,
        onBatch: async (rows) => {
          // Ctrl-C during the check: stop; nothing has been written.
          if (options.signal?.aborted) throw new ImportError("IMPORT_INTERRUPTED", "import interrupted");
          if (strict) await dryCitations.prepare(rows);
          for (const r of rows) {
            dry.counts.read += 1;
            if (strict) {
              const checked = dryCitations.check(r);
              if (checked.result.kind === "reject") await recordReject(dry, rejects, checked);
            }
            if (keyCheck && needsKey === undefined && isProtectedSource(caseId, r)) needsKey = r;
          }
        },
      });
      if (needsKey === undefined && strict && dry.counts.rejected > 0) {
        await rejects.close();
        return finalReport(common, bound.variant, input, dry, timer() - t0, false, undefined, false);
      }
    } catch (e) {
      await rejects.close().catch(() => undefined);
      if (!(e instanceof ImportError)) throw e;
      return failedReport(common, format.name, caseId, dry, e, timer() - t0, false);
    }
    if (needsKey !== undefined) {
      await rejects.close();
      const id = needsKey.result.kind === "record" ? needsKey.result.record.value.id : "";
      // The line and the source's id only: never a protected value.
      throw new StoreError(
        "STORE_UNSAFE",
        `${options.file}: line ${needsKey.line}: source ${JSON.stringify(id)} is confidential or carries a ` +
          "protected identity, and this store has no field key to encrypt it: open the store with the " +
          "install's field key (TOCSIN_FIELD_KEY_FILE or TOCSIN_FIELD_KEY); nothing was written",
      );
    }
  }

  const batchId =
    resumable?.id ??
    `${format.name}-${sha256.slice(0, 12)}-${now.replace(/[^0-9]/g, "").slice(0, 17)}-${randomUUID().slice(0, 8)}`;
  const state = newState(
    resumable
      ? {
          read: resumable.read,
          imported: resumable.imported,
          updated: resumable.updated,
          unchanged: resumable.unchanged,
          deleted: resumable.deleted,
          skipped: resumable.skipped,
          rejected: resumable.rejected,
        }
      : undefined,
  );
  // The file's Source keeps its dates across batches, resumed runs and re-imports: start from what is stored.
  const storedSpan = await storedSourceDates(store, caseId, sourceId);
  if (storedSpan) state.span = storedSpan;

  // The lease, the case (when it is the default one) and the batch row are taken and created just before the
  // first batch commits, so a run that fails before committing anything (a bomb found after the header, an
  // abort) leaves the store as it was.
  const fmt = format;
  let started = resumable !== undefined;
  const start = async (): Promise<void> => {
    await lease.acquire(resumePoint, pointOf(resumable));
    if (started) return;
    await ensureImportCase(store, caseId, `Imported ${fmt.dataset.title}`, create, now);
    await startBatch(store, {
      id: batchId,
      caseId,
      format: fmt.name,
      fileName: basename(options.file),
      sha256: sha256 as string,
      sourceId,
      startedAt: now,
    });
    started = true;
  };

  const writer = leasedWriter(await openImportWriter(store), lease);
  // The same rule as the dry pass, looking up through the writer.
  const citations = new ReferenceCheck(
    caseId,
    sourceId,
    (ids) => writer.existingSources(caseId, ids),
    (ids) => writer.existingRecords(caseId, "actor", ids),
  );
  // Rows read before this run (a resumed batch's): the rate counts only this run's rows.
  const readBefore = state.counts.read;
  let input: TextInput | undefined;
  let lastProgress = 0;
  let aborted = false;
  try {
    const result = await scanRows({
      path: options.file,
      format,
      layout,
      ctx,
      limits,
      batchSize,
      resumeAfterLine,
      onOpen: (i) => {
        input = i;
      },
      onBatch: async (rows) => {
        if (options.signal?.aborted) {
          aborted = true;
          throw new ImportError("IMPORT_INTERRUPTED", "import interrupted");
        }
        await start();
        await writeBatch(
          writer,
          fmt,
          caseId,
          batchId,
          sourceId,
          sha256 as string,
          options,
          rows,
          state,
          rejects,
          citations,
          // The import's own case covers its data; a named case's period is the analyst's.
          create,
        );
        options.onCommitted?.(state.counts.read);
        const t = timer();
        if (options.onProgress && t - lastProgress > 200) {
          lastProgress = t;
          options.onProgress({
            rows: state.counts.read,
            bytesRead: input?.bytesRead() ?? 0,
            ...(input?.totalBytes !== undefined ? { totalBytes: input.totalBytes } : {}),
            elapsedMs: t - t0,
          });
        }
      },
    });
    await writer.close();
    // A file without data rows is still recorded as imported.
    await start();
    await lease.finish({
      id: batchId,
      status: "done",
      counts: state.counts,
      at: options.clock().toISOString(),
    });
    const report = finalReport(
      common,
      result.bound.variant,
      result.input,
      state,
      timer() - t0,
      true,
      resumable ? resumeAfterLine : undefined,
      false,
      state.counts.read - readBefore,
      rejectsFromLine,
    );
    // Every row is committed; a rejects file that failed at its last flush is reported, not a hang.
    try {
      await rejects.close();
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      return { ...report, fileError: { code: e.code, message: e.message } };
    }
    return report;
  } catch (e) {
    await writer.close().catch(() => undefined);
    await rejects.close().catch(() => undefined);
    // Only what committed: a batch rolled back is read again (and counted again) by the resumed run. Nothing
    // when this run never took the lease (or lost it: the batch is the other run's now).
    await lease
      .finish({
        id: batchId,
        status: "interrupted",
        counts: state.committedCounts,
        at: options.clock().toISOString(),
      })
      .catch(() => undefined);
    // Another run of the file took the lease first: one line, nothing written.
    if (!(e instanceof ImportError) || e.code === "IMPORT_RUNNING") throw e;
    const report = failedReport(common, format.name, caseId, state, e, timer() - t0, state.committed);
    return {
      ...report,
      interrupted: aborted || state.committed,
      ...(input ? { packaging: input.packaging, encoding: input.encoding() } : {}),
    };
  }
}

/** The writer with every batch fenced by the run's lease (checked and renewed in the batch's transaction). */
function leasedWriter(writer: ImportWriter, lease: RunLease): ImportWriter {
  return {
    lookup: (caseId, kind, ids) => writer.lookup(caseId, kind, ids),
    existingSources: (caseId, ids) => writer.existingSources(caseId, ids),
    existingRecords: (caseId, kind, ids) => writer.existingRecords(caseId, kind, ids),
    commit: (batch) => writer.commit({ ...batch, lease: lease.fence() }),
    close: () => writer.close(),
    protectedRowHash: (rowHash) => writer.protectedRowHash(rowHash),
  };
}

/** The files of a SQLite store (a rejects path must not be one of them); none for PostgreSQL. */
function storeFiles(store: Store): string[] {
  if (store.dialect !== "sqlite" || store.location === ":memory:") return [];
  return [store.location, `${store.location}-wal`, `${store.location}-shm`];
}

/** Whether a scanned row is a Source with fields that must be encrypted at rest. */
function isProtectedSource(caseId: string, r: ScannedRow): boolean {
  const res = r.result;
  return (
    res.kind === "record" &&
    res.record.kind === "source" &&
    sourceToIdentityRows(caseId, res.record.value).length > 0
  );
}

type Common = {
  file: string;
  strict: boolean;
  format?: string;
  caseId?: string;
  sha256?: string;
  sourceId?: string;
  rejectsFile?: string;
};

function finalReport(
  common: Common,
  variant: string | undefined,
  input: TextInput,
  state: RunState,
  elapsedMs: number,
  written: boolean,
  resumedAfterLine: number | undefined,
  interrupted: boolean,
  rowsThisRun = state.counts.read,
  rejectsFromLine?: number,
): ImportReport {
  return {
    ...common,
    format: common.format ?? "",
    caseId: common.caseId ?? "",
    ...(variant !== undefined ? { variant } : {}),
    packaging: input.packaging,
    encoding: input.encoding(),
    ...state.counts,
    written: written && state.counts.imported + state.counts.updated + state.counts.deleted > 0,
    ...(resumedAfterLine !== undefined ? { resumedAfterLine } : {}),
    olderThanStored: state.olderThanStored,
    skipReasons: state.skipReasons,
    deletedIds: state.deletedIds,
    problems: state.problems,
    problemsTruncated: state.problemsTruncated,
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: elapsedMs > 0 ? Math.round((rowsThisRun * 1000) / elapsedMs) : 0,
    ...(rejectsFromLine !== undefined ? { rejectsFromLine } : {}),
    interrupted,
  };
}

function failedReport(
  common: Common,
  format: string,
  caseId: string,
  state: RunState,
  e: ImportError,
  elapsedMs: number,
  written: boolean,
): ImportReport {
  return {
    ...common,
    format,
    caseId,
    ...state.counts,
    written,
    olderThanStored: state.olderThanStored,
    skipReasons: state.skipReasons,
    deletedIds: state.deletedIds,
    problems: state.problems,
    problemsTruncated: state.problemsTruncated,
    elapsedMs: Math.round(elapsedMs),
    rowsPerSecond: 0,
    fileError: { code: e.code, message: e.message },
    interrupted: written,
  };
}
