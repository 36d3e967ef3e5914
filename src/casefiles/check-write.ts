/**
 * One record written into a case held in memory (created, replaced or deleted), checked by the one case checker
 * ({@link checkCase}): the problems of the written record by field path, and the problems the write would
 * cause in other records (a deleted source still cited, a warning whose evidence becomes known too late).
 * Pure: the HTTP API calls it on the stored case before it writes anything.
 * @module
 */
import { RECORD_FILES } from "../contracts/index.js";
import { RECORD_KINDS, type CaseBundle, type RecordKind, type RecordOf } from "../domain/index.js";
import { checkCase, type CaseElement, type LocatedProblem } from "./check-case.js";

/** A write to check: `raw` is the body as received (for a delete, absent). */
export interface RecordWrite {
  readonly kind: RecordKind;
  readonly id: string;
  readonly raw?: unknown;
}

/** A problem of a write: `path` inside the written record, or (`record`) in another record it affects. */
export interface WriteProblem {
  readonly path: string;
  readonly message: string;
  /** `file/id` of another record, when the problem is there (e.g. `incidents/inc-3`). */
  readonly record?: string;
}

/** The result: the written record as parsed (absent for a delete or a bad body), and every problem. */
export interface WriteCheck<K extends RecordKind = RecordKind> {
  readonly record: RecordOf<K> | undefined;
  readonly problems: readonly WriteProblem[];
}

const keyOf = (p: LocatedProblem): string =>
  JSON.stringify([p.problem.file, p.problem.recordId ?? "", p.problem.field ?? "", p.problem.message]);

/**
 * Check `write` against the case `base` (the case as stored, records already parsed).
 * @example checkRecordWrite(bundle, { kind: "incident", id: "inc-9", raw: body }).problems
 *   // [{ path: "citations[0].source", message: 'unknown source (sources.json) "src-x"' }]
 */
export function checkRecordWrite<K extends RecordKind>(base: CaseBundle, write: RecordWrite): WriteCheck<K> {
  const before = new Set(checkCase(inputOf(base)).problems.map(keyOf));
  const records: Partial<Record<RecordKind, CaseElement[]>> = inputOf(base).records;
  const kept = (records[write.kind] ?? []).filter((e) => !("parsed" in e) || e.parsed.id !== write.id);
  const index = kept.length;
  records[write.kind] = write.raw === undefined ? kept : [...kept, { raw: write.raw }];
  const after = checkCase({ manifest: { parsed: base.manifest }, records });
  const problems: WriteProblem[] = [];
  for (const p of after.problems) {
    const own = write.raw !== undefined && p.kind === write.kind && p.index === index;
    if (own) problems.push({ path: p.problem.field ?? "", message: p.problem.message });
    else if (!before.has(keyOf(p)))
      problems.push({
        path: p.problem.field ?? "",
        message: p.problem.message,
        record: `${p.problem.file.replace(/\.json$/u, "")}/${p.problem.recordId ?? ""}`,
      });
  }
  const parsed = after.parsed.find((p) => p.kind === write.kind && p.index === index);
  return { record: write.raw === undefined ? undefined : (parsed?.record as RecordOf<K>), problems };
}

function inputOf(base: CaseBundle): {
  records: Partial<Record<RecordKind, CaseElement[]>>;
  manifest: { parsed: CaseBundle["manifest"] };
} {
  const records: Partial<Record<RecordKind, CaseElement[]>> = {};
  for (const kind of RECORD_KINDS)
    records[kind] = (base.records[kind] as readonly RecordOf<RecordKind>[]).map((parsed) => ({ parsed }));
  return { manifest: { parsed: base.manifest }, records };
}

/** The file name (without `.json`) of a kind: how a record outside the written one is named in a problem. */
export function recordFileName(kind: RecordKind): string {
  return RECORD_FILES[kind].replace(/\.json$/u, "");
}
