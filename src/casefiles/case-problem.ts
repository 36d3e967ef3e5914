/** The problem a case folder check reports, and how a field path is written in it. @module */
import type { JsonPath } from "./json-locate.js";

/**
 * One thing wrong with a case folder. `file` is relative to the folder (e.g. `incidents.json`), `field` a path
 * inside the record such as `citations[0].source`, `line` 1-based in `file`.
 */
export interface CaseProblem {
  readonly file: string;
  readonly recordId?: string;
  readonly field?: string;
  readonly line?: number;
  readonly message: string;
}

/**
 * Write a path inside a record the way problems show it.
 * @example formatField(["citations", 0, "source"]) // "citations[0].source"
 */
export function formatField(path: JsonPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

/** Problems in reading order: by file (in the order given), then line. */
export function sortProblems(problems: readonly CaseProblem[], fileOrder: readonly string[]): CaseProblem[] {
  const rank = (f: string): number => {
    const i = fileOrder.indexOf(f);
    return i === -1 ? fileOrder.length : i;
  };
  return [...problems].sort(
    (a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}
