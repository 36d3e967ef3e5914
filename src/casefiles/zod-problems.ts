/** Turn zod issues into case problems with a field path and a line. @module */
import type { z } from "zod";
import { formatField, type CaseProblem } from "./case-problem.js";
import type { JsonPath } from "./json-locate.js";

/** Turn every zod issue into a problem; `prefix` is the record's index in its file. */
export function zodProblems(
  error: z.ZodError,
  file: string,
  prefix: JsonPath,
  recordId: string | undefined,
  lineOf: (path: JsonPath) => number | undefined,
): CaseProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const field = keys.length === 1 ? [...path, keys[0] as string] : path;
    const line = lineOf(path.length === 0 && prefix.length === 1 ? [...prefix, "id"] : [...prefix, ...field]);
    return {
      file,
      ...(recordId !== undefined ? { recordId } : {}),
      ...(field.length > 0 ? { field: formatField(field) } : {}),
      ...(line !== undefined ? { line } : {}),
      message: issue.message,
    };
  });
}
