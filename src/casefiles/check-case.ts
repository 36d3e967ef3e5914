/**
 * The one case checker: schema, unique ids, cross-references, dates, links between records and the format
 * version, over a case held in memory. The folder reader feeds it the JSON of each file (and maps problems to
 * lines); the HTTP API feeds it the stored case with the record being written (and maps problems to field
 * paths). Pure: no I/O.
 * @module
 */
import type { z } from "zod";
import { CaseManifestSchema, RECORD_FILES, RECORD_SCHEMAS, toManifest } from "../contracts/index.js";
import { RECORD_KINDS, type CaseManifest, type RecordKind, type RecordOf } from "../domain/index.js";
import { formatField, type CaseProblem } from "./case-problem.js";
import { dateIssuesOf, manifestDateIssues } from "./case-date-checks.js";
import {
  bestEffortReferences,
  manifestReferences,
  referencesOf,
  TARGET_LABEL,
  type Reference,
  type RefTarget,
} from "./case-references.js";
import { lineAt, linkProblems, type Parsed } from "./case-links.js";
import { formatProblems } from "./case-format-check.js";
import type { JsonPath } from "./json-locate.js";
import { zodProblems } from "./zod-problems.js";

export const MANIFEST_FILE = "case.json";

/** One element of a record file: raw JSON still to parse, or a record already parsed (e.g. read from a store). */
export type CaseElement = { readonly raw: unknown } | { readonly parsed: RecordOf<RecordKind> };

/** The manifest: raw JSON to parse, one already parsed, or none (`missing`; `unreadable` when its file is broken). */
export type ManifestInput =
  { readonly raw: unknown } | { readonly parsed: CaseManifest } | "missing" | "unreadable";

/** A case to check. A kind absent from `records` has no records; `unreadable` means its file could not be read. */
export interface CaseCheckInput {
  readonly manifest: ManifestInput;
  readonly records: Partial<Record<RecordKind, readonly CaseElement[] | "unreadable">>;
}

/**
 * Where things are, for messages: the 1-based line of a path in a record file (the path starts with the record's
 * index) or in the manifest. The API has no lines: problems then carry none.
 */
export interface CaseLocator {
  line(file: string, path: JsonPath): number | undefined;
}

const NO_LINES: CaseLocator = { line: () => undefined };

/** A problem and, for a record's problem, which element it is about. */
export interface LocatedProblem {
  readonly problem: CaseProblem;
  readonly kind?: RecordKind;
  readonly index?: number;
}

/** What {@link checkCase} finds: every problem, and the records that passed their schema. */
export interface CaseCheck {
  readonly manifest: CaseManifest | undefined;
  readonly parsed: readonly Parsed[];
  readonly problems: readonly LocatedProblem[];
}

interface RawEntry {
  readonly kind: RecordKind;
  readonly index: number;
  readonly id: string | undefined;
}

interface ActionId {
  readonly index: number;
  readonly sub: number;
  readonly id: string;
  readonly warningId: string | undefined;
}

/**
 * Check a whole case. Never throws for bad input: every problem is returned with its file, record id, field
 * and (with a locator) line.
 * @example checkCase({ manifest: { parsed: m }, records: { incident: [{ raw: body }] } }).problems
 */
export function checkCase(input: CaseCheckInput, locator: CaseLocator = NO_LINES): CaseCheck {
  const out: LocatedProblem[] = [];
  const push = (problem: CaseProblem, kind?: RecordKind, index?: number): void => {
    out.push({ problem, ...(kind ? { kind, index } : {}) });
  };
  const lineIn = (file: string) => (path: JsonPath) => locator.line(file, path);

  const manifest = parseManifest(input.manifest, lineIn(MANIFEST_FILE), (p) => push(p));

  const raw: RawEntry[] = [];
  const elementOf = new Map<string, CaseElement>();
  const invalid: {
    kind: RecordKind;
    index: number;
    id: string | undefined;
    element: unknown;
    reported: Set<string>;
  }[] = [];
  const unreadable = new Set<RefTarget>();
  const parsed: Parsed[] = [];
  const actionIds: ActionId[] = [];
  for (const kind of RECORD_KINDS) {
    const elements = input.records[kind];
    if (elements === undefined) continue;
    if (elements === "unreadable") {
      unreadable.add(kind);
      continue;
    }
    const file = RECORD_FILES[kind];
    elements.forEach((element, index) => {
      elementOf.set(`${kind}\u0000${index}`, element);
      if ("parsed" in element) {
        const record = element.parsed;
        raw.push({ kind, index, id: record.id });
        if (kind === "warning")
          (record as RecordOf<"warning">).requestedActions.forEach((a, sub) =>
            actionIds.push({ index, sub, id: a.id, warningId: record.id }),
          );
        parsed.push({ kind, index, record });
        return;
      }
      const id = idOf(element.raw);
      raw.push({ kind, index, id });
      if (kind === "warning") collectActionIds(element.raw, index, id, actionIds);
      const result = (RECORD_SCHEMAS[kind] as z.ZodType).safeParse(element.raw);
      if (result.success) parsed.push({ kind, index, record: result.data as RecordOf<typeof kind> });
      else {
        const found = zodProblems(result.error, file, [index], id, lineIn(file));
        for (const p of found) push(p, kind, index);
        invalid.push({
          kind,
          index,
          id,
          element: element.raw,
          reported: new Set(found.map((p) => p.field ?? "")),
        });
      }
    });
  }

  const hasId = (kind: RecordKind, index: number): boolean => {
    const e = elementOf.get(`${kind}\u0000${index}`);
    return e !== undefined && ("parsed" in e || idOf(e.raw) !== undefined);
  };
  const at = (kind: RecordKind, index: number, path: JsonPath): number | undefined =>
    locator.line(
      RECORD_FILES[kind],
      path.length === 0 ? (hasId(kind, index) ? [index, "id"] : [index]) : [index, ...path],
    );

  // Ids: unique across the whole case, requested actions included.
  const firstSeen = new Map<string, { file: string; line: number | undefined }>();
  const seeId = (
    id: string,
    kind: RecordKind,
    index: number,
    recordId: string | undefined,
    path: JsonPath,
  ): void => {
    const file = RECORD_FILES[kind];
    const line = at(kind, index, path);
    const prior = firstSeen.get(id);
    if (!prior) {
      firstSeen.set(id, { file, line });
      return;
    }
    const where = prior.line === undefined ? prior.file : `${prior.file} line ${prior.line}`;
    push(
      {
        file,
        ...lineAt(line),
        ...(recordId !== undefined ? { recordId } : {}),
        ...(path.length > 0 ? { field: formatField(path) } : {}),
        message: `duplicate id "${id}" (first used in ${where}); ids are unique within a case`,
      },
      kind,
      index,
    );
  };
  for (const e of raw) if (e.id !== undefined) seeId(e.id, e.kind, e.index, e.id, []);
  for (const a of actionIds) seeId(a.id, "warning", a.index, a.warningId, ["requestedActions", a.sub, "id"]);

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
  for (const a of actionIds) add("requestedAction", a.id);
  for (const s of manifest?.sides ?? []) add("side", s.id);
  const exists = (ref: Reference): boolean =>
    idsOf.get(ref.target)?.has(ref.id) === true ||
    unreadable.has(ref.target) ||
    (ref.target === "any" && unreadable.size > 0);
  const unknown = (ref: Reference): string => `unknown ${TARGET_LABEL[ref.target]} "${ref.id}"`;

  for (const p of parsed) {
    const file = RECORD_FILES[p.kind];
    const report = (path: JsonPath, message: string): void =>
      push(
        {
          file,
          recordId: p.record.id,
          field: formatField(path),
          ...lineAt(at(p.kind, p.index, path)),
          message,
        },
        p.kind,
        p.index,
      );
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
      push(
        {
          file: RECORD_FILES[bad.kind],
          ...(bad.id !== undefined ? { recordId: bad.id } : {}),
          field,
          ...lineAt(at(bad.kind, bad.index, ref.path)),
          message: unknown(ref),
        },
        bad.kind,
        bad.index,
      );
    }
  }
  const knownActions = new Set(actionIds.map((a) => a.id));
  for (const p of linkProblems(parsed, knownActions, at)) push(p, kindOfFile(p.file), indexOf(parsed, p));

  if (manifest) {
    const lineOf = lineIn(MANIFEST_FILE);
    for (const ref of manifestReferences(manifest)) {
      if (!exists(ref))
        push({
          file: MANIFEST_FILE,
          field: formatField(ref.path),
          ...lineAt(lineOf(ref.path)),
          message: unknown(ref),
        });
    }
    for (const p of formatProblems(manifest, parsed, at, lineOf))
      push(
        p,
        p.file === MANIFEST_FILE ? undefined : kindOfFile(p.file),
        p.file === MANIFEST_FILE ? undefined : indexOf(parsed, p),
      );
    for (const issue of manifestDateIssues(manifest)) {
      push({
        file: MANIFEST_FILE,
        field: formatField(issue.path),
        ...lineAt(lineOf(issue.path)),
        message: issue.message,
      });
    }
  }
  return { manifest, parsed, problems: out };
}

function parseManifest(
  input: ManifestInput,
  lineOf: (path: JsonPath) => number | undefined,
  report: (p: CaseProblem) => void,
): CaseManifest | undefined {
  if (input === "missing") {
    report({ file: MANIFEST_FILE, message: `missing: every case folder has a ${MANIFEST_FILE} manifest` });
    return undefined;
  }
  if (input === "unreadable") return undefined;
  if ("parsed" in input) return input.parsed;
  const parsed = CaseManifestSchema.safeParse(input.raw);
  if (parsed.success) return toManifest(parsed.data);
  for (const p of zodProblems(parsed.error, MANIFEST_FILE, [], undefined, lineOf)) report(p);
  return undefined;
}

const KIND_OF_FILE = new Map<string, RecordKind>(RECORD_KINDS.map((k) => [RECORD_FILES[k], k]));

function kindOfFile(file: string): RecordKind | undefined {
  return KIND_OF_FILE.get(file);
}

/** The index of the parsed record a problem names (by file and record id). */
function indexOf(parsed: readonly Parsed[], p: CaseProblem): number | undefined {
  const kind = kindOfFile(p.file);
  return parsed.find((x) => x.kind === kind && x.record.id === p.recordId)?.index;
}

/** The `id` of a raw element, when it is a string. */
export function idOf(element: unknown): string | undefined {
  if (typeof element !== "object" || element === null || Array.isArray(element)) return undefined;
  const id = (element as Record<string, unknown>).id;
  return typeof id === "string" ? id : undefined;
}

function collectActionIds(
  element: unknown,
  index: number,
  warningId: string | undefined,
  out: ActionId[],
): void {
  if (typeof element !== "object" || element === null) return;
  const actions = (element as Record<string, unknown>).requestedActions;
  if (!Array.isArray(actions)) return;
  actions.forEach((a: unknown, sub) => {
    const id = idOf(a);
    if (id !== undefined) out.push({ index, sub, id, warningId });
  });
}
