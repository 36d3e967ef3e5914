/**
 * The dry pass: before anything is written, when the run is strict (any reject means nothing is written) or when
 * the rows may be confidential sources and the store has no field key to encrypt them (one such row means
 * nothing is written). It applies every rule that can reject a row: the mapper's, and the citation check the
 * write pass applies.
 * @module
 */
import { existingRecords, existingSources } from "../../storage/imports/import.repository.js";
import { sourceToIdentityRows } from "../../storage/records/source.mapper.js";
import { StoreError } from "../../storage/store-error.js";
import { hasFieldKey } from "../../storage/store-registry.js";
import { ImportError } from "../import-error.js";
import type { ImportReport } from "./import-report.js";
import { runFailed, type ImportRun } from "./import-run.js";
import { ReferenceCheck } from "./reference-check.js";
import { finalReport } from "./report-builders.js";
import { newState, recordReject } from "./run-state.js";
import { scanRows, type ScannedRow } from "./scan-rows.js";

/** Whether `run` needs a dry pass before it writes. */
export function needsDryPass(run: ImportRun): boolean {
  return run.strict || needsKeyCheck(run);
}

/**
 * Read the whole file without writing: the report when the run must stop here (a strict run with rejects, or a
 * file-level problem), undefined when the write pass may go on.
 * @throws StoreError STORE_UNSAFE, with nothing written, when a row is a confidential source and the store has
 *   no field key. The message names the line and the source's id, never a protected value.
 */
export async function dryPass(run: ImportRun): Promise<ImportReport | undefined> {
  const { store, caseId, sourceId, strict, rejects, options } = run;
  const keyCheck = needsKeyCheck(run);
  const dry = newState();
  const dryCitations = new ReferenceCheck(
    caseId,
    sourceId,
    (ids) => existingSources(store, caseId, ids),
    (ids) => existingRecords(store, caseId, "actor", ids),
  );
  let needsKey: ScannedRow | undefined;
  try {
    const { bound, input } = await scanRows({
      path: options.file,
      format: run.format,
      layout: run.layout,
      ctx: run.ctx,
      limits: run.limits,
      batchSize: run.batchSize,
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
      return finalReport(
        run.common,
        bound.variant,
        input,
        dry,
        run.timer() - run.t0,
        false,
        undefined,
        false,
      );
    }
  } catch (e) {
    await rejects.close().catch(() => undefined);
    if (!(e instanceof ImportError)) throw e;
    return runFailed(run, e, dry);
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
  return undefined;
}

/** Rows of this format may be confidential sources, and the store cannot encrypt them. */
function needsKeyCheck(run: ImportRun): boolean {
  return run.format.importsSources === true && !hasFieldKey(run.store);
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
