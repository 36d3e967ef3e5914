/** Checks between parsed records: a response and the warning it answers, a warning and its evidence. @module */
import { RECORD_FILES } from "../contracts/index.js";
import type { RecordKind, RecordOf } from "../domain/index.js";
import { formatField, type CaseProblem } from "./case-problem.js";
import type { JsonPath } from "./json-locate.js";

/** A record that passed its schema, with where it came from. */
export interface Parsed<K extends RecordKind = RecordKind> {
  readonly kind: K;
  readonly index: number;
  readonly record: RecordOf<K>;
}

/** Checks between records: a response and the warning it answers, a warning and its evidence. */
export function linkProblems(
  parsed: readonly Parsed[],
  knownActions: ReadonlySet<string>,
  at: (kind: RecordKind, index: number, path: JsonPath) => number | undefined,
): CaseProblem[] {
  const warnings = new Map<string, RecordOf<"warning">>();
  const knownAtOf = new Map<string, string>();
  for (const p of parsed) {
    knownAtOf.set(p.record.id, p.record.knownAt);
    if (p.kind === "warning") warnings.set(p.record.id, p.record as RecordOf<"warning">);
  }
  const out: CaseProblem[] = [];
  // A warning cannot rest on evidence that became known after it: that would be look-ahead in a replay.
  for (const p of parsed) {
    if (p.kind !== "warning") continue;
    const w = p.record as RecordOf<"warning">;
    w.evidence.forEach((id, i) => {
      const k = knownAtOf.get(id);
      if (k === undefined || k <= w.knownAt) return;
      out.push({
        file: RECORD_FILES.warning,
        recordId: w.id,
        field: formatField(["evidence", i]),
        ...lineAt(at("warning", p.index, ["evidence", i])),
        message: `evidence "${id}" is known only from ${k}, after the warning (knownAt ${w.knownAt})`,
      });
    });
  }
  for (const p of parsed) {
    if (p.kind !== "response") continue;
    const r = p.record as RecordOf<"response">;
    const w = r.warning === undefined ? undefined : warnings.get(r.warning);
    if (!w) continue;
    const problem = (path: JsonPath, message: string): void => {
      out.push({
        file: RECORD_FILES.response,
        recordId: r.id,
        field: formatField(path),
        ...lineAt(at("response", p.index, path)),
        message,
      });
    };
    // An action id unknown everywhere is reported once, as an unknown reference; here only one of another warning.
    const ra = r.requestedAction;
    if (ra !== undefined && knownActions.has(ra) && !w.requestedActions.some((a) => a.id === ra)) {
      problem(
        ["requestedAction"],
        `requested action "${r.requestedAction}" is not one of warning "${w.id}"'s requested actions`,
      );
    }
    if (r.occurredAt.to < w.occurredAt.from) {
      problem(
        ["occurredAt"],
        `a response cannot come before the warning it answers (${r.occurredAt.to} is before ${w.occurredAt.from})`,
      );
    }
  }
  return out;
}

/** `{ line }` when the line is known, else nothing (problems without a place in a file carry no line). */
export function lineAt(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}
