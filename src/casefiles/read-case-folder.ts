/**
 * Read a case folder from disk, validate it completely, and return either the case or every problem found —
 * with its file, record id, field and line. Never throws for bad input.
 * @module
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { RECORD_FILES } from "../contracts/index.js";
import {
  emptyRecords,
  RECORD_KINDS,
  type CaseBundle,
  type CaseRecords,
  type RecordKind,
} from "../domain/index.js";
import { formatField, sortProblems, type CaseProblem } from "./case-problem.js";
import { checkCase, MANIFEST_FILE, type CaseCheckInput } from "./check-case.js";
import { parseJsonLocated, type JsonPath } from "./json-locate.js";

export type { CaseProblem } from "./case-problem.js";

/** What {@link readCaseFolder} returns: the case and the files it was read from (paths relative to the folder), or every problem. */
export type CaseReadResult =
  | {
      readonly ok: true;
      readonly bundle: CaseBundle;
      readonly files: readonly { path: string; sha256: string }[];
    }
  | { readonly ok: false; readonly problems: readonly CaseProblem[] };

export { MANIFEST_FILE } from "./check-case.js";

/** Record kind by file name. */
const KIND_OF_FILE = new Map<string, RecordKind>(RECORD_KINDS.map((k) => [RECORD_FILES[k], k]));
const FILE_ORDER = [MANIFEST_FILE, ...RECORD_KINDS.map((k) => RECORD_FILES[k])];

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

  // Every check but the file's own (its presence and JSON) is the one case checker's.
  const input: Record<string, CaseCheckInput["records"][RecordKind]> = {};
  for (const kind of RECORD_KINDS) {
    const file = RECORD_FILES[kind];
    if (!values.has(file)) {
      if (entries.includes(file)) input[kind] = "unreadable";
      continue;
    }
    const value = values.get(file);
    if (!Array.isArray(value)) {
      input[kind] = "unreadable";
      problems.push({
        file,
        line: 1,
        message: `must be a JSON array of ${kind} records, found ${typeName(value)}`,
      });
      continue;
    }
    input[kind] = value.map((raw: unknown) => ({ raw }));
  }
  const check = checkCase(
    {
      manifest: !entries.includes(MANIFEST_FILE)
        ? "missing"
        : values.has(MANIFEST_FILE)
          ? { raw: values.get(MANIFEST_FILE) }
          : "unreadable",
      records: input,
    },
    { line: (file, path) => (located.get(file) ?? (() => 1))(path) },
  );
  problems.push(...check.problems.map((p) => p.problem));
  const manifest = check.manifest;
  const parsed = check.parsed;

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

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
