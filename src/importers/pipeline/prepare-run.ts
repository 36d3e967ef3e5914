/**
 * Before a run writes: wait for (or stop at) another run of the same file into the same case, find an
 * interrupted run to resume, open the rejects file, and check that a named case exists. It reads the store and
 * writes nothing in it.
 * @module
 */
import { ensureImportCase, findResumableBatch } from "../../storage/imports/import.repository.js";
import type { Store } from "../../storage/store.js";
import { ImportError } from "../import-error.js";
import type { ImportReport } from "./import-report.js";
import { runFailed, type ImportRun } from "./import-run.js";
import { awaitNoRunningImport } from "./run-lease.js";

type Resumable = Awaited<ReturnType<typeof findResumableBatch>>;

/** What the write pass starts from. */
export interface PreparedRun {
  /** The interrupted batch this run resumes, if any. */
  readonly resumable: Resumable;
  readonly resumeAfterLine: number;
  /** The first line of this run's rejects when they are appended to a new rejects file. */
  readonly rejectsFromLine: number | undefined;
  /** Whether the case is the default one, created with the first batch. */
  readonly create: boolean;
  /** The run's timestamp (ISO). */
  readonly now: string;
  /** The lease key: one run of a file into a case at a time. */
  readonly leaseKey: { caseId: string; format: string; sha256: string };
}

/**
 * Prepare `run`, or say why it cannot start (the report; nothing written).
 * @throws ImportError IMPORT_RUNNING when another run holds the lease and `wait` is not set.
 */
export async function prepareRun(run: ImportRun): Promise<PreparedRun | { failed: ImportReport }> {
  const { store, options, caseId, format, sha256 } = run;
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
    return { failed: runFailed(run, e) };
  }
  // An interrupted run of the same file to resume (reading the store, writing nothing).
  const resumable = await findResumableBatch(store, caseId, format.name, sha256);
  const resumeAfterLine = resumable?.last_line ?? 0;
  // The rejects file is checked and opened before anything is written: never the input or the store's file,
  // and a path that cannot be written fails the run here, not after rows were committed. A resumed run
  // appends to the interrupted run's rejects file (a strict run's dry pass covers the whole file: replaced).
  const appendRejects = resumeAfterLine > 0 && !run.strict;
  let rejectsFromLine: number | undefined;
  try {
    const appended = await run.rejects.open(options.file, storeFiles(store), appendRejects);
    if (appendRejects && options.rejectsFile !== undefined && !appended)
      rejectsFromLine = resumeAfterLine + 1;
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { failed: runFailed(run, e) };
  }
  // Whether a named case exists (a default one is created with the first batch).
  const now = options.clock().toISOString();
  const create = options.caseId === undefined;
  if (!create && !(await ensureImportCase(store, caseId, "", false, now))) {
    await run.rejects.close();
    const e = new ImportError(
      "IMPORT_CASE_MISSING",
      `case ${caseId} does not exist: load it first, or omit --case to import into import-${format.name}`,
    );
    return { failed: runFailed(run, e) };
  }
  return { resumable, resumeAfterLine, rejectsFromLine, create, now, leaseKey };
}

/** The files of a SQLite store (a rejects path must not be one of them); none for PostgreSQL. */
function storeFiles(store: Store): string[] {
  if (store.dialect !== "sqlite" || store.location === ":memory:") return [];
  return [store.location, `${store.location}-wal`, `${store.location}-shm`];
}
