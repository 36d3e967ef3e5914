/**
 * A case as the files of a case folder (docs/case-format.md), the inverse of `readCaseFolder`: the manifest and
 * one JSON array per record kind, records in id order, keys in a fixed order, dates in their human form — the
 * same case always gives the same bytes. A confidential source is written as the view anyone may see (its
 * handle, kind, dates and grading); citations to it keep the source id with the neutral label as locator.
 * @module
 */
import { RECORD_FILES } from "../contracts/index.js";
import {
  formatWhen,
  PROTECTED_SOURCE_LABEL,
  RECORD_KINDS,
  type CaseBundle,
  type DatePrecision,
  type Source,
} from "../domain/index.js";
import { MANIFEST_FILE } from "./check-case.js";

/** A backfill mark of a record entered through the API with a past `knownAt` (see docs/api.md). */
export interface ExportedBackfill {
  readonly kind: string;
  readonly id: string;
  readonly reason: string;
  readonly enteredAt: string;
}

/** Where an export keeps the backfill marks: a sub-folder, which the case reader ignores. */
export const BACKFILLS_FILE = "provenance/backfills.json";

/** One file of an exported case folder: its name in the folder and its text. */
export interface CaseFolderFile {
  readonly path: string;
  readonly text: string;
}

const PRECISIONS: ReadonlySet<string> = new Set<DatePrecision>(["day", "month", "year", "range"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A parsed date span `{ from, to, precision }` (what `WhenSchema` makes of `"1994-04"`). */
function isWhen(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return (
    keys.length === 3 &&
    typeof v.from === "string" &&
    typeof v.to === "string" &&
    typeof v.precision === "string" &&
    PRECISIONS.has(v.precision)
  );
}

function isCitation(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length === 2 && typeof v.source === "string" && typeof v.locator === "string";
}

/** `id` first, then the other keys in code-unit order: stable, and a record still reads from its id. */
function orderedKeys(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.includes("id") ? ["id", ...keys.filter((k) => k !== "id")] : keys;
}

/**
 * A stored value in its case-file form: dates as text, keys ordered, citations to a confidential source with
 * the neutral locator, and never a `protectedIdentity`.
 */
function toFileValue(v: unknown, confidential: ReadonlySet<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => toFileValue(x, confidential));
  if (!isPlainObject(v)) return v;
  if (isWhen(v)) return formatWhen(v as never);
  if (isCitation(v) && confidential.has(v.source as string))
    return { source: v.source, locator: PROTECTED_SOURCE_LABEL };
  const out: Record<string, unknown> = {};
  for (const k of orderedKeys(v)) {
    if (k === "protectedIdentity") continue;
    out[k] = toFileValue(v[k], confidential);
  }
  return out;
}

/**
 * What an export holds for a confidential source: what an unentitled viewer sees (id, kind, neutral title,
 * dates, grading), citing itself so that it stays a valid record. Its identity and sealed fields (title,
 * author, notes, own citations…) stay in the store.
 */
function exportedSource(s: Source): Source {
  if (!s.confidential) return s;
  return {
    id: s.id,
    kind: s.kind,
    title: PROTECTED_SOURCE_LABEL,
    occurredAt: s.occurredAt,
    knownAt: s.knownAt,
    citations: [{ source: s.id, locator: PROTECTED_SOURCE_LABEL }],
    reliability: s.reliability,
    credibility: s.credibility,
    confidential: true,
  };
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function byId<T extends { readonly id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The marks in kind and id order; a confidential source's reason is withheld (it may describe the person). */
function backfillsFile(
  marks: readonly ExportedBackfill[],
  confidential: ReadonlySet<string>,
): CaseFolderFile {
  const sorted = [...marks]
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : byId(a, b)))
    .map((m) =>
      m.kind === "source" && confidential.has(m.id) ? { ...m, reason: PROTECTED_SOURCE_LABEL } : m,
    );
  return { path: BACKFILLS_FILE, text: jsonText(toFileValue(sorted, confidential)) };
}

/**
 * The files of `bundle` as a case folder: `case.json`, one file per kind that has records (a missing file
 * means no records of that kind) and, when there are any, the backfill marks in {@link BACKFILLS_FILE}. Pure:
 * the same bundle and marks give the same texts.
 * @example caseFolderFiles(bundle).map((f) => f.path) // ["case.json", "actors.json", "sources.json", …]
 */
export function caseFolderFiles(
  bundle: CaseBundle,
  backfills: readonly ExportedBackfill[] = [],
): CaseFolderFile[] {
  const confidential = new Set(bundle.records.source.filter((s) => s.confidential).map((s) => s.id));
  const files: CaseFolderFile[] = [
    { path: MANIFEST_FILE, text: jsonText(toFileValue(bundle.manifest, confidential)) },
  ];
  for (const kind of RECORD_KINDS) {
    const records: readonly { readonly id: string }[] =
      kind === "source" ? bundle.records.source.map(exportedSource) : bundle.records[kind];
    if (records.length === 0) continue;
    const sorted = [...records].sort(byId);
    files.push({ path: RECORD_FILES[kind], text: jsonText(toFileValue(sorted, confidential)) });
  }
  if (backfills.length > 0) files.push(backfillsFile(backfills, confidential));
  return files;
}
