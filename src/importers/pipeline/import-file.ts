/**
 * Import one file into the store: resolve its format, hash it, create (or reuse) the collection's case, stream
 * its rows in batches — each batch one transaction that also advances the resume point — and return the
 * report. In strict mode a first pass checks every row and nothing is written if any is rejected.
 * @module
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import type { Actor, Source, When } from "../../domain/index.js";
import { openImportWriter, type ImportWriter } from "../../storage/imports/import-writer.js";
import {
  DELETED_ROW_HASH,
  ensureImportCase,
  findResumableBatch,
  finishBatch,
  startBatch,
  type ImportCounts,
  type ImportDelete,
  type ImportKind,
  type ImportWrite,
} from "../../storage/imports/import.repository.js";
import type { Store } from "../../storage/store.js";
import type { FormatContext, ImportFormat, Layout } from "../formats/format.js";
import { ImportError } from "../import-error.js";
import { DEFAULT_LIMITS, type InputLimits } from "../input/limits.js";
import { decideDelete, decideRow, type KnownRow } from "./decide.js";
import { fileSha256 } from "./file-hash.js";
import { MAX_REPORTED_PROBLEMS, zeroCounts, type ImportReport, type RowReject } from "./import-report.js";
import { RejectsWriter } from "./rejects-writer.js";
import { firstRows, resolveFormat } from "./resolve-format.js";
import { scanRows, type ScannedRow } from "./scan-rows.js";
import { sniffText, type TextInput } from "./text-input.js";

/**
 * Rows per transaction. Larger batches commit less often but keep more records alive between commits, which
 * grows V8's heap: 2,000 keeps a million-row import under ~230 MB RSS at a few milliseconds of fsync each.
 */
export const DEFAULT_BATCH_SIZE = 2000;

/** Progress of a running import, for the progress bar. */
export interface ImportProgress {
  readonly rows: number;
  readonly bytesRead: number;
  readonly totalBytes?: number;
  readonly elapsedMs: number;
}

export interface ImportOptions {
  /** A format name or `auto`. */
  readonly format: string;
  readonly file: string;
  /** The case to import into; default `import-FORMAT` (created when missing). A named case must exist. */
  readonly caseId?: string;
  readonly strict?: boolean;
  readonly rejectsFile?: string;
  /** Dataset release (UCDP GED `23.1`). */
  readonly release?: string;
  /** Rows per transaction. */
  readonly batchSize?: number;
  readonly limits?: InputLimits;
  /** The clock (timestamps of batches and of the created case). */
  readonly clock: () => Date;
  /** Monotonic milliseconds for rates and elapsed time; default `performance.now`. */
  readonly timer?: () => number;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Aborting stops after the batch in flight; the run is resumable. */
  readonly signal?: AbortSignal;
}

interface RunState {
  counts: ImportCounts;
  olderThanStored: number;
  skipReasons: Record<string, number>;
  deletedIds: string[];
  problems: RowReject[];
  problemsTruncated: number;
  occurredFrom?: string;
  occurredTo?: string;
  knownMax?: string;
  committed: boolean;
}

function newState(counts: ImportCounts = zeroCounts()): RunState {
  return {
    counts: { ...counts },
    olderThanStored: 0,
    skipReasons: {},
    deletedIds: [],
    problems: [],
    problemsTruncated: 0,
    committed: false,
  };
}

/**
 * Import `options.file` into `store`.
 * @example const report = await importFile(store, { format: "auto", file: "acled.csv", clock: () => new Date() })
 * @returns the report; file-level problems are in `report.fileError` (nothing more written then).
 * @throws StoreError when the store fails (the batch in flight is rolled back; the run is resumable).
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
    const sniffed = await sniffText(options.file, limits);
    format = resolveFormat(options.format, sniffed, options.file);
    layout = format.layout(firstRows(sniffed).firstLine);
    sha256 = await fileSha256(options.file);
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

  // Strict: a dry pass first; any reject means nothing is written.
  if (strict) {
    const dry = newState();
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
          for (const r of rows) {
            dry.counts.read += 1;
            if (r.result.kind === "reject") await recordReject(dry, rejects, r);
          }
        },
      });
      if (dry.counts.rejected > 0) {
        await rejects.close();
        return finalReport(common, bound.variant, input, dry, timer() - t0, false, undefined, false);
      }
    } catch (e) {
      await rejects.close().catch(() => undefined);
      if (!(e instanceof ImportError)) throw e;
      return failedReport(common, format.name, caseId, dry, e, timer() - t0, false);
    }
  }

  const now = options.clock().toISOString();
  const created = await ensureImportCase(
    store,
    caseId,
    `Imported ${format.dataset.title}`,
    options.caseId === undefined,
    now,
  );
  if (!created) {
    await rejects.close();
    const e = new ImportError(
      "IMPORT_CASE_MISSING",
      `case ${caseId} does not exist: load it first, or omit --case to import into import-${format.name}`,
    );
    return failedReport(common, format.name, caseId, newState(), e, timer() - t0, false);
  }
  const resumable = await findResumableBatch(store, caseId, format.name, sha256);
  const batchId =
    resumable?.id ??
    `${format.name}-${sha256.slice(0, 12)}-${now.replace(/[^0-9]/g, "").slice(0, 17)}-${randomUUID().slice(0, 8)}`;
  const resumeAfterLine = resumable?.last_line ?? 0;
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
  if (!resumable) {
    await startBatch(store, {
      id: batchId,
      caseId,
      format: format.name,
      fileName: basename(options.file),
      sha256,
      sourceId,
      startedAt: now,
    });
  }

  const fmt = format;
  const writer = await openImportWriter(store);
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
        );
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
    await finishBatch(store, batchId, "done", state.counts, options.clock().toISOString());
    await rejects.close();
    return finalReport(
      common,
      result.bound.variant,
      result.input,
      state,
      timer() - t0,
      true,
      resumable ? resumeAfterLine : undefined,
      false,
    );
  } catch (e) {
    await writer.close().catch(() => undefined);
    await rejects.close().catch(() => undefined);
    await finishBatch(store, batchId, "interrupted", state.counts, options.clock().toISOString()).catch(
      () => undefined,
    );
    if (!(e instanceof ImportError)) throw e;
    const report = failedReport(common, format.name, caseId, state, e, timer() - t0, state.committed);
    return {
      ...report,
      interrupted: aborted || state.committed,
      ...(input ? { packaging: input.packaging, encoding: input.encoding() } : {}),
    };
  }
}

/** Count and remember one reject. */
async function recordReject(state: RunState, rejects: RejectsWriter, r: ScannedRow): Promise<void> {
  if (r.result.kind !== "reject") return;
  state.counts.rejected += 1;
  const reject: RowReject = {
    line: r.line,
    fields: r.result.problems.map((p) => p.field),
    reasons: r.result.problems.map((p) => `${p.field}: ${p.reason}`),
    raw: r.raw,
  };
  if (state.problems.length < MAX_REPORTED_PROBLEMS) state.problems.push(reject);
  else state.problemsTruncated += 1;
  await rejects.write(reject);
}

/** Decide every row of a batch against the store and commit the batch. */
async function writeBatch(
  writer: ImportWriter,
  format: ImportFormat,
  caseId: string,
  batchId: string,
  sourceId: string,
  sha256: string,
  options: ImportOptions,
  rows: readonly ScannedRow[],
  state: RunState,
  rejects: RejectsWriter,
): Promise<void> {
  // Look up every key of the batch at once.
  const idsByKind = new Map<ImportKind, string[]>();
  for (const r of rows) {
    const res = r.result;
    const key =
      res.kind === "record"
        ? { kind: res.record.kind, id: res.record.value.id }
        : res.kind === "delete"
          ? { kind: "incident" as const, id: res.recordId }
          : undefined;
    if (!key) continue;
    const list = idsByKind.get(key.kind) ?? [];
    list.push(key.id);
    idsByKind.set(key.kind, list);
  }
  const known = new Map<string, KnownRow>();
  for (const [kind, ids] of idsByKind) {
    for (const [id, row] of await writer.lookup(caseId, kind, ids)) known.set(`${kind}\u0000${id}`, row);
  }

  // Citations must point at a stored source (a foreign key): the file's own source, one stored before, or a
  // source record earlier in this batch. A row citing anything else is rejected, not left to fail the batch.
  const cited = new Set<string>();
  for (const r of rows) {
    if (r.result.kind !== "record") continue;
    for (const c of r.result.record.value.citations) if (c.source !== sourceId) cited.add(c.source);
  }
  const knownSources = cited.size > 0 ? await writer.existingSources(caseId, [...cited]) : new Set<string>();
  knownSources.add(sourceId);

  const writes: ImportWrite[] = [];
  const deletes: ImportDelete[] = [];
  const actors: Actor[] = [];
  // Keys written earlier in this batch: later rows compare against them, not the store.
  const pending = new Map<string, { row: KnownRow; write?: ImportWrite; stored: boolean }>();
  let lastLine = 0;
  for (const r of rows) {
    state.counts.read += 1;
    lastLine = r.line;
    const res = r.result;
    switch (res.kind) {
      case "reject":
        await recordReject(state, rejects, r);
        break;
      case "skip":
        state.counts.skipped += 1;
        state.skipReasons[res.reason] = (state.skipReasons[res.reason] ?? 0) + 1;
        break;
      case "delete": {
        const key = `incident\u0000${res.recordId}`;
        const p = pending.get(key);
        const k = p ? p.row : known.get(key);
        const d = decideDelete(k, res.version);
        if (d !== "delete") {
          state.counts.skipped += 1;
          const reason =
            d === "absent"
              ? "deletion of a record not in the store"
              : "deletion older than the stored record";
          state.skipReasons[reason] = (state.skipReasons[reason] ?? 0) + 1;
          break;
        }
        state.counts.deleted += 1;
        if (state.deletedIds.length < 1000) state.deletedIds.push(res.recordId);
        // A record inserted earlier in this same batch is simply not written.
        if (p?.write) writes.splice(writes.indexOf(p.write), 1);
        if (!p || p.stored) deletes.push({ kind: "incident", id: res.recordId, version: res.version });
        pending.set(key, {
          row: { version: res.version, rowHash: DELETED_ROW_HASH },
          stored: p ? p.stored : true,
        });
        break;
      }
      case "record": {
        const rec = res.record;
        const missing = rec.value.citations.find(
          (c) => !knownSources.has(c.source) && c.source !== rec.value.id,
        );
        if (missing) {
          const problem = {
            field: "citations",
            reason: `cites source "${missing.source}", which is not in case ${caseId}`,
          };
          await recordReject(state, rejects, { ...r, result: { kind: "reject", problems: [problem] } });
          break;
        }
        if (rec.kind === "source") knownSources.add(rec.value.id);
        const key = `${rec.kind}\u0000${rec.value.id}`;
        const p = pending.get(key);
        const k = p ? p.row : known.get(key);
        const decision = decideRow(k, res.version, r.rowHash);
        if (decision === "unchanged" || decision === "older") {
          state.counts.unchanged += 1;
          if (decision === "older") state.olderThanStored += 1;
          break;
        }
        if (decision === "insert") state.counts.imported += 1;
        else state.counts.updated += 1;
        const stored = p ? p.stored : k !== undefined;
        if (p?.write) writes.splice(writes.indexOf(p.write), 1);
        const write: ImportWrite = {
          kind: rec.kind,
          record: rec.value,
          provider: format.name,
          providerId: res.providerId,
          version: res.version,
          rowHash: r.rowHash,
          change: stored ? "update" : "insert",
        };
        writes.push(write);
        pending.set(key, { row: { version: res.version, rowHash: r.rowHash }, write, stored });
        actors.push(...res.actors);
        widen(state, rec.value.occurredAt, rec.value.knownAt);
        break;
      }
    }
  }
  const source =
    state.knownMax !== undefined ? sourceRecord(format, sourceId, sha256, options, state) : undefined;
  await writer.commit({
    batchId,
    caseId,
    lastLine,
    counts: { ...state.counts },
    writes,
    deletes,
    actors,
    ...(source ? { source } : {}),
  });
  state.committed = true;
}

function widen(state: RunState, when: When, knownAt: string): void {
  if (state.occurredFrom === undefined || when.from < state.occurredFrom) state.occurredFrom = when.from;
  if (state.occurredTo === undefined || when.to > state.occurredTo) state.occurredTo = when.to;
  if (state.knownMax === undefined || knownAt > state.knownMax) state.knownMax = knownAt;
}

/** The Source record of the imported file: dataset, release, file hash, licence and attribution. */
function sourceRecord(
  format: ImportFormat,
  id: string,
  sha256: string,
  options: ImportOptions,
  state: RunState,
): Source {
  const name = basename(options.file);
  const d = format.dataset;
  return {
    id,
    kind: "dataset",
    title: `${d.title}: ${name}`,
    author: d.attribution,
    url: d.url,
    reliability: d.reliability,
    credibility: d.credibility,
    confidential: false,
    licence: d.licence,
    attribution: d.attribution,
    occurredAt: { from: state.occurredFrom as string, to: state.occurredTo as string, precision: "range" },
    knownAt: state.knownMax as string,
    citations: [{ source: id, locator: `file ${name}, SHA-256 ${sha256}` }],
    notes: `Imported with \`tocsin import ${format.name}\`; file ${name}; SHA-256 ${sha256}${options.release ? `; release ${options.release}` : ""}. Each record cites its row.`,
  };
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
    rowsPerSecond: elapsedMs > 0 ? Math.round((state.counts.read * 1000) / elapsedMs) : 0,
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
