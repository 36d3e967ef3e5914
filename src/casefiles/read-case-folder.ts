/**
 * Read a case folder from disk, validate it completely, and return either the case or every problem found —
 * with its file, record id, field and line. Never throws for bad input.
 * @module
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { z } from "zod";
import { CaseManifestSchema, RECORD_FILES, RECORD_SCHEMAS, toManifest } from "../contracts/index.js";
import {
  emptyRecords,
  RECORD_KINDS,
  type CaseBundle,
  type CaseManifest,
  type CaseRecords,
  type RecordKind,
  type RecordOf,
} from "../domain/index.js";
import { formatField, sortProblems, type CaseProblem } from "./case-problem.js";
import { dateIssuesOf, manifestDateIssues } from "./case-date-checks.js";
import {
  bestEffortReferences,
  manifestReferences,
  referencesOf,
  TARGET_LABEL,
  type Reference,
  type RefTarget,
} from "./case-references.js";
import { linkProblems, type Parsed } from "./case-links.js";
import { formatProblems } from "./case-format-check.js";
import { parseJsonLocated, type JsonPath } from "./json-locate.js";
import { zodProblems } from "./zod-problems.js";

export type { CaseProblem } from "./case-problem.js";

/** What {@link readCaseFolder} returns: the case and the files it was read from (paths relative to the folder), or every problem. */
export type CaseReadResult =
  | {
      readonly ok: true;
      readonly bundle: CaseBundle;
      readonly files: readonly { path: string; sha256: string }[];
    }
  | { readonly ok: false; readonly problems: readonly CaseProblem[] };

export const MANIFEST_FILE = "case.json";

/** Record kind by file name. */
const KIND_OF_FILE = new Map<string, RecordKind>(RECORD_KINDS.map((k) => [RECORD_FILES[k], k]));
const FILE_ORDER = [MANIFEST_FILE, ...RECORD_KINDS.map((k) => RECORD_FILES[k])];

/** An element of a record file before parsing: its raw id, if it has one. */
interface RawEntry {
  readonly kind: RecordKind;
  readonly index: number;
  readonly id: string | undefined;
}

/**
 * Read and validate the case folder `dir`.
 * An unknown `.json` file is an error (a misspelt record file would otherwise silently drop its records);
 * other files (README.md, notes) are ignored.
 * @example
 * const r = await readCaseFolder("cases/rwanda-1990-1994");
 * if (!r.ok) for (const p of r.problems) console.error(`${p.file}:${p.line} ${p.recordId ?? ""} ${p.field ?? ""} ${p.message}`);
 */
export async function readCaseFolder(dir: string): Promise<CaseReadResult> {
  const problems: CaseProblem[] = [];
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) return fail([{ file: ".", message: `${dir} is not a folder` }]);
    entries = (await readdir(dir)).sort();
  } catch {
    return fail([{ file: ".", message: `case folder ${dir} not found or not readable` }]);
  }

  const files: { path: string; sha256: string }[] = [];
  const located = new Map<string, (path: JsonPath) => number>();
  const values = new Map<string, unknown>();
  for (const name of entries) {
    const known = name === MANIFEST_FILE || KIND_OF_FILE.has(name);
    if (!known) {
      if (name.toLowerCase().endsWith(".json")) {
        problems.push({
          file: name,
          message: `unknown file: a case folder holds ${MANIFEST_FILE} and ${FILE_ORDER.slice(1).join(", ")}`,
        });
      }
      continue;
    }
    let text: string;
    try {
      const bytes = await readFile(join(dir, name));
      files.push({ path: name, sha256: createHash("sha256").update(bytes).digest("hex") });
      text = bytes.toString("utf8");
    } catch {
      problems.push({ file: name, message: "cannot read file" });
      continue;
    }
    const json = parseJsonLocated(text);
    if (!json.ok) {
      problems.push({
        file: name,
        line: json.line,
        message: `JSON syntax error at line ${json.line}, column ${json.column}: ${json.message}`,
      });
      continue;
    }
    for (const d of json.duplicateKeys) {
      problems.push({
        file: name,
        line: d.line,
        field: formatField(d.path),
        message: `duplicate key "${String(d.path[d.path.length - 1])}" (JSON keeps only the last)`,
      });
    }
    located.set(name, json.lineOf);
    values.set(name, json.value);
  }

  // The manifest.
  let manifest: CaseManifest | undefined;
  if (!entries.includes(MANIFEST_FILE)) {
    problems.push({
      file: MANIFEST_FILE,
      message: `missing: every case folder has a ${MANIFEST_FILE} manifest`,
    });
  } else if (values.has(MANIFEST_FILE)) {
    const lineOf = located.get(MANIFEST_FILE) ?? (() => 1);
    const parsed = CaseManifestSchema.safeParse(values.get(MANIFEST_FILE));
    if (parsed.success) manifest = toManifest(parsed.data);
    else problems.push(...zodProblems(parsed.error, MANIFEST_FILE, [], undefined, lineOf));
  }

  // The records.
  const raw: RawEntry[] = [];
  const invalid: {
    kind: RecordKind;
    index: number;
    id: string | undefined;
    element: unknown;
    reported: Set<string>;
  }[] = [];
  // Kinds whose file could not be read: references into them cannot be checked, so they are not reported.
  const unreadable = new Set<RefTarget>();
  const parsed: Parsed[] = [];
  const rawActionIds: {
    kind: RecordKind;
    index: number;
    sub: number;
    id: string;
    warningId: string | undefined;
  }[] = [];
  for (const kind of RECORD_KINDS) {
    const file = RECORD_FILES[kind];
    if (!values.has(file)) {
      if (entries.includes(file)) unreadable.add(kind);
      continue;
    }
    const value = values.get(file);
    const lineOf = located.get(file) ?? (() => 1);
    if (!Array.isArray(value)) {
      unreadable.add(kind);
      problems.push({
        file,
        line: 1,
        message: `must be a JSON array of ${kind} records, found ${typeName(value)}`,
      });
      continue;
    }
    value.forEach((element: unknown, index) => {
      const id = idOf(element);
      raw.push({ kind, index, id });
      if (kind === "warning") collectActionIds(element, index, id, rawActionIds);
      const schema = RECORD_SCHEMAS[kind] as z.ZodType;
      const result = schema.safeParse(element);
      if (result.success) parsed.push({ kind, index, record: result.data as RecordOf<typeof kind> });
      else {
        const found = zodProblems(result.error, file, [index], id, lineOf);
        problems.push(...found);
        invalid.push({ kind, index, id, element, reported: new Set(found.map((p) => p.field ?? "")) });
      }
    });
  }

  const at = (kind: RecordKind, index: number, path: JsonPath): number =>
    (located.get(RECORD_FILES[kind]) ?? (() => 1))(
      path.length === 0 ? idPath(index, values.get(RECORD_FILES[kind])) : [index, ...path],
    );

  // Ids: unique across the whole case, requested actions included.
  const firstSeen = new Map<string, { file: string; line: number }>();
  const seeId = (
    id: string,
    file: string,
    line: number,
    recordId: string | undefined,
    field?: string,
  ): void => {
    const prior = firstSeen.get(id);
    if (prior) {
      problems.push({
        file,
        line,
        ...(recordId !== undefined ? { recordId } : {}),
        ...(field !== undefined ? { field } : {}),
        message: `duplicate id "${id}" (first used in ${prior.file} line ${prior.line}); ids are unique within a case`,
      });
    } else firstSeen.set(id, { file, line });
  };
  for (const e of raw)
    if (e.id !== undefined) seeId(e.id, RECORD_FILES[e.kind], at(e.kind, e.index, []), e.id);
  for (const a of rawActionIds) {
    const path: JsonPath = ["requestedActions", a.sub, "id"];
    seeId(a.id, RECORD_FILES[a.kind], at(a.kind, a.index, path), a.warningId, formatField(path));
  }

  // References.
  const idsOf = new Map<RefTarget, Set<string>>();
  const add = (t: RefTarget, id: string): void => {
    const set = idsOf.get(t) ?? new Set<string>();
    set.add(id);
    idsOf.set(t, set);
  };
  for (const e of raw) {
    if (e.id === undefined) continue;
    add(e.kind, e.id);
    add("any", e.id);
  }
  for (const a of rawActionIds) add("requestedAction", a.id);
  for (const s of manifest?.sides ?? []) add("side", s.id);
  const exists = (ref: Reference): boolean =>
    idsOf.get(ref.target)?.has(ref.id) === true ||
    unreadable.has(ref.target) ||
    (ref.target === "any" && unreadable.size > 0);
  const unknown = (ref: Reference): string => `unknown ${TARGET_LABEL[ref.target]} "${ref.id}"`;

  for (const p of parsed) {
    const file = RECORD_FILES[p.kind];
    const recordId = p.record.id;
    const report = (path: JsonPath, message: string): void => {
      problems.push({ file, recordId, field: formatField(path), line: at(p.kind, p.index, path), message });
    };
    for (const ref of referencesOf(p.kind, p.record)) {
      // Without a manifest there are no sides to check against; the manifest problem is reported already.
      if (ref.target === "side" && manifest === undefined) continue;
      if (!exists(ref)) report(ref.path, unknown(ref));
    }
    for (const issue of dateIssuesOf(p.kind, p.record)) report(issue.path, issue.message);
  }
  // Records that failed their schema: still check the references that can be read, so every problem shows at once.
  for (const bad of invalid) {
    for (const ref of bestEffortReferences(bad.kind, bad.element)) {
      const field = formatField(ref.path);
      if (bad.reported.has(field) || exists(ref)) continue;
      problems.push({
        file: RECORD_FILES[bad.kind],
        ...(bad.id !== undefined ? { recordId: bad.id } : {}),
        field,
        line: at(bad.kind, bad.index, ref.path),
        message: unknown(ref),
      });
    }
  }
  const knownActions = new Set(rawActionIds.map((a) => a.id));
  problems.push(...linkProblems(parsed, knownActions, (kind, index, path) => at(kind, index, path)));

  if (manifest) {
    const lineOf = located.get(MANIFEST_FILE) ?? (() => 1);
    for (const ref of manifestReferences(manifest)) {
      if (!exists(ref))
        problems.push({
          file: MANIFEST_FILE,
          field: formatField(ref.path),
          line: lineOf(ref.path),
          message: unknown(ref),
        });
    }
    problems.push(...formatProblems(manifest, parsed, at, lineOf));
    for (const issue of manifestDateIssues(manifest)) {
      problems.push({
        file: MANIFEST_FILE,
        field: formatField(issue.path),
        line: lineOf(issue.path),
        message: issue.message,
      });
    }
  }

  if (problems.length > 0 || manifest === undefined) {
    return fail(
      problems.length > 0 ? problems : [{ file: MANIFEST_FILE, message: "manifest could not be read" }],
    );
  }
  const records: Record<string, readonly unknown[]> = { ...emptyRecords() };
  for (const kind of RECORD_KINDS) records[kind] = parsed.filter((p) => p.kind === kind).map((p) => p.record);
  files.sort((a, b) => FILE_ORDER.indexOf(a.path) - FILE_ORDER.indexOf(b.path));
  return { ok: true, bundle: { manifest, records: records as unknown as CaseRecords }, files };
}

function fail(problems: readonly CaseProblem[]): CaseReadResult {
  return { ok: false, problems: sortProblems(problems, FILE_ORDER) };
}

function idOf(element: unknown): string | undefined {
  if (typeof element !== "object" || element === null || Array.isArray(element)) return undefined;
  const id = (element as Record<string, unknown>).id;
  return typeof id === "string" ? id : undefined;
}

/** The path of a record's `"id"` line, or of the record itself when it has no id. */
function idPath(index: number, fileValue: unknown): JsonPath {
  const element = Array.isArray(fileValue) ? (fileValue as unknown[])[index] : undefined;
  return idOf(element) !== undefined ? [index, "id"] : [index];
}

function collectActionIds(
  element: unknown,
  index: number,
  warningId: string | undefined,
  out: { kind: RecordKind; index: number; sub: number; id: string; warningId: string | undefined }[],
): void {
  if (typeof element !== "object" || element === null) return;
  const actions = (element as Record<string, unknown>).requestedActions;
  if (!Array.isArray(actions)) return;
  actions.forEach((a: unknown, sub) => {
    const id = idOf(a);
    if (id !== undefined) out.push({ kind: "warning", index, sub, id, warningId });
  });
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
