/**
 * The write pass: stream the file's rows in batches, each batch one transaction that also advances the resume
 * point, fenced by the run's lease. The lease, the case (when it is the default one) and the batch row are taken
 * and created just before the first batch commits, so a run that fails before committing anything (a bomb found
 * after the header, an abort) leaves the store as it was.
 * @module
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import { openImportWriter, type ImportWriter } from "../../storage/imports/import-writer.js";
import {
  ensureImportCase,
  findResumableBatch,
  startBatch,
  storedSourceDates,
} from "../../storage/imports/import.repository.js";
import { ImportError } from "../import-error.js";
import type { ImportReport } from "./import-report.js";
import { runFailed, type ImportRun } from "./import-run.js";
import type { PreparedRun } from "./prepare-run.js";
import { ReferenceCheck } from "./reference-check.js";
import { finalReport } from "./report-builders.js";
import { RunLease } from "./run-lease.js";
import { newState, type RunState } from "./run-state.js";
import { scanRows } from "./scan-rows.js";
import type { TextInput } from "./text-input.js";
import { writeBatch } from "./write-batch.js";

/** Write `run`'s rows from `prep`'s resume point; the report, or a throw for store failures and IMPORT_RUNNING. */
export async function writePass(run: ImportRun, prep: PreparedRun): Promise<ImportReport> {
  const { store, options, format, caseId, sourceId, rejects } = run;
  const batchId = prep.resumable?.id ?? newBatchId(run, prep.now);
  const state = await initialState(run, prep);
  const lease = new RunLease(store, options.file, basename(options.file), prep.leaseKey, options.clock);
  const start = batchStarter(run, prep, lease, batchId);
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
  const progress = progressReporter(run, () => input);
  let aborted = false;
  try {
    const result = await scanRows({
      path: options.file,
      format,
      layout: run.layout,
      ctx: run.ctx,
      limits: run.limits,
      batchSize: run.batchSize,
      resumeAfterLine: prep.resumeAfterLine,
      onOpen: (i) => {
        input = i;
      },
      onBatch: async (rows) => {
        if (options.signal?.aborted) {
          aborted = true;
          throw new ImportError("IMPORT_INTERRUPTED", "import interrupted");
        }
        await start();
        // The import's own case covers its data; a named case's period is the analyst's.
        await writeBatch(
          writer,
          format,
          caseId,
          batchId,
          sourceId,
          run.sha256,
          options,
          rows,
          state,
          rejects,
          citations,
          prep.create,
        );
        options.onCommitted?.(state.counts.read);
        progress(state.counts.read);
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
      run.common,
      result.bound.variant,
      result.input,
      state,
      run.timer() - run.t0,
      true,
      prep.resumable ? prep.resumeAfterLine : undefined,
      false,
      state.counts.read - readBefore,
      prep.rejectsFromLine,
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
    return {
      ...runFailed(run, e, state, state.committed),
      interrupted: aborted || state.committed,
      ...(input ? { packaging: input.packaging, encoding: input.encoding() } : {}),
    };
  }
}

function newBatchId(run: ImportRun, now: string): string {
  const stamp = now.replace(/[^0-9]/g, "").slice(0, 17);
  return `${run.format.name}-${run.sha256.slice(0, 12)}-${stamp}-${randomUUID().slice(0, 8)}`;
}

/** A resumed batch's counts, or zeros; the file's Source keeps its dates across batches, runs and re-imports. */
async function initialState(run: ImportRun, prep: PreparedRun): Promise<RunState> {
  const r = prep.resumable;
  const state = newState(
    r
      ? {
          read: r.read,
          imported: r.imported,
          updated: r.updated,
          unchanged: r.unchanged,
          deleted: r.deleted,
          skipped: r.skipped,
          rejected: r.rejected,
        }
      : undefined,
  );
  const storedSpan = await storedSourceDates(run.store, run.caseId, run.sourceId);
  if (storedSpan) state.span = storedSpan;
  return state;
}

/**
 * What runs before each batch commits: take (or renew) the lease, checking that the resume point is still the
 * store's; the first time, create the default case and the batch row.
 */
function batchStarter(
  run: ImportRun,
  prep: PreparedRun,
  lease: RunLease,
  batchId: string,
): () => Promise<void> {
  const { store, caseId, format, options } = run;
  const pointOf = (b: PreparedRun["resumable"]): string => (b ? `${b.id}@${b.last_line}` : "");
  const resumePoint = async () => pointOf(await findResumableBatch(store, caseId, format.name, run.sha256));
  let started = prep.resumable !== undefined;
  return async () => {
    await lease.acquire(resumePoint, pointOf(prep.resumable));
    if (started) return;
    await ensureImportCase(store, caseId, `Imported ${format.dataset.title}`, prep.create, prep.now);
    await startBatch(store, {
      id: batchId,
      caseId,
      format: format.name,
      fileName: basename(options.file),
      sha256: run.sha256,
      sourceId: run.sourceId,
      startedAt: prep.now,
    });
    started = true;
  };
}

/** Tell `onProgress` at most every 200 ms. */
function progressReporter(run: ImportRun, input: () => TextInput | undefined): (rows: number) => void {
  let last = 0;
  return (rows) => {
    const t = run.timer();
    if (!run.options.onProgress || t - last <= 200) return;
    last = t;
    const i = input();
    run.options.onProgress({
      rows,
      bytesRead: i?.bytesRead() ?? 0,
      ...(i?.totalBytes !== undefined ? { totalBytes: i.totalBytes } : {}),
      elapsedMs: t - run.t0,
    });
  };
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
