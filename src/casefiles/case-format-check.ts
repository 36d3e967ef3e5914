/**
 * The case-format version check: a case that does not declare `formatVersion: 2` may not use what format 2
 * added, and each such use is reported where it stands, so that an older Tocsin never half-reads a newer case.
 * @module
 */
import {
  FORMAT_2_ACTS,
  FORMAT_2_EVALUATION_FIELDS,
  FORMAT_2_FIELDS,
  FORMAT_2_TAGS,
  RECORD_FILES,
} from "../contracts/index.js";
import type { CaseManifest, RecordKind, RecordOf } from "../domain/index.js";
import { formatField, type CaseProblem } from "./case-problem.js";
import { lineAt, type Parsed } from "./case-links.js";
import type { JsonPath } from "./json-locate.js";

const NEEDS = 'needs "formatVersion": 2 in case.json';

/** Where a record uses something format 2 added (paths into the record). */
export function format2Uses(kind: RecordKind, record: RecordOf<RecordKind>): JsonPath[] {
  const out: JsonPath[] = [];
  const fields = FORMAT_2_FIELDS[kind] ?? [];
  const r = record as unknown as Record<string, unknown>;
  for (const f of fields) if (r[f] !== undefined) out.push([f]);
  if (kind === "incident")
    (record as RecordOf<"incident">).acts.forEach((a, i) => {
      if (FORMAT_2_ACTS.includes(a)) out.push(["acts", i]);
    });
  if (kind === "report")
    (record as RecordOf<"report">).findings.forEach((f, i) =>
      f.tags.forEach((t, j) => {
        if (FORMAT_2_TAGS.includes(t)) out.push(["findings", i, "tags", j]);
      }),
    );
  return out;
}

/**
 * Every use of a format-2 field, act or tag in a case whose manifest does not declare format 2.
 * @example formatProblems(manifest, parsed, at, lineOf) // [{ file: "incidents.json", field: "acts[1]", … }]
 */
export function formatProblems(
  manifest: CaseManifest,
  parsed: readonly Parsed[],
  at: (kind: RecordKind, index: number, path: JsonPath) => number | undefined,
  manifestLine: (path: JsonPath) => number | undefined,
): CaseProblem[] {
  if (manifest.formatVersion === 2) return [];
  const out: CaseProblem[] = [];
  for (const f of FORMAT_2_EVALUATION_FIELDS) {
    if ((manifest.evaluation as Record<string, unknown> | undefined)?.[f] === undefined) continue;
    const path: JsonPath = ["evaluation", f];
    out.push({
      file: "case.json",
      field: formatField(path),
      ...lineAt(manifestLine(path)),
      message: `${f} ${NEEDS}`,
    });
  }
  for (const p of parsed) {
    for (const path of format2Uses(p.kind, p.record)) {
      out.push({
        file: RECORD_FILES[p.kind],
        recordId: p.record.id,
        field: formatField(path),
        ...lineAt(at(p.kind, p.index, path)),
        message: `${formatField(path)} is case format 2: ${NEEDS}`,
      });
    }
  }
  return out;
}
