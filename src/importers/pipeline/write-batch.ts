/**
 * One batch against the store: look up its keys, decide each row (insert, update, unchanged, older, delete,
 * skip, reject), and commit records, deletions, actors and the file's Source in one transaction.
 * @module
 */
import { basename } from "node:path";
import type { Actor, Source } from "../../domain/index.js";
import type { ImportWriter } from "../../storage/imports/import-writer.js";
import {
  DELETED_ROW_HASH,
  type ImportDelete,
  type ImportKind,
  type ImportWrite,
} from "../../storage/imports/import.repository.js";
import { sourceToIdentityRows } from "../../storage/records/source.mapper.js";
import type { ImportFormat } from "../formats/format.js";
import { decideDelete, decideRow, type KnownRow } from "./decide.js";
import type { ImportOptions } from "./import-file.js";
import type { RejectsWriter } from "./rejects-writer.js";
import { recordReject, widen, type RunState } from "./run-state.js";
import type { ScannedRow } from "./scan-rows.js";

/** Decide every row of a batch against the store and commit the batch. */
export async function writeBatch(
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
        // A confidential source's row is kept under a keyed hash (a plain one would confirm a guessed name).
        const rowHash =
          rec.kind === "source" && sourceToIdentityRows(caseId, rec.value).length > 0
            ? writer.protectedRowHash(r.rowHash)
            : r.rowHash;
        const decision = decideRow(k, res.version, rowHash);
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
          rowHash,
          change: stored ? "update" : "insert",
        };
        writes.push(write);
        pending.set(key, { row: { version: res.version, rowHash }, write, stored });
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
