/**
 * Read the early-warning rulebook from disk: parse, check the schema, then the engine's semantic checks, and
 * return a ValidRulebook or every problem with its file, field and line. Never throws for bad input.
 * @module
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { RulebookSchema } from "../contracts/rulebook.schema.js";
import { checkRulebook, type RulebookProblemCode, type ValidRulebook } from "../engine/index.js";
import { formatField, type CaseProblem } from "./case-problem.js";
import { parseJsonLocated, type JsonPath } from "./json-locate.js";

/** A problem in a rulebook file, with its stable code. */
export interface RulebookFileProblem extends CaseProblem {
  readonly code: RulebookProblemCode | "json" | "io";
}

export type RulebookReadResult =
  | { readonly ok: true; readonly rulebook: ValidRulebook; readonly file: string }
  | { readonly ok: false; readonly problems: readonly RulebookFileProblem[] };

/** Rulebook file names: `<name>.v<version>.json`. */
const RULEBOOK_FILE = /^([a-z0-9-]+)\.v(\d+)\.json$/;

/** Turn a checker path such as `indicators[3].factor` back into a JSON path. */
export function parseProblemPath(path: string): JsonPath {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/**
 * Validate a rulebook file's text. `file` names it in problems.
 * @example parseRulebookFile("atrocity-risk.v1.json", text) // { ok: true, rulebook, file }
 */
export function parseRulebookFile(file: string, text: string): RulebookReadResult {
  const located = parseJsonLocated(text);
  if (!located.ok)
    return {
      ok: false,
      problems: [{ code: "json", file, line: located.line, message: `invalid JSON: ${located.message}` }],
    };
  const problems: RulebookFileProblem[] = located.duplicateKeys.map((d) => ({
    code: "schema",
    file,
    field: formatField(d.path),
    line: d.line,
    message: "duplicate key (JSON keeps only the last one)",
  }));
  const parsed = RulebookSchema.safeParse(located.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      // An unknown key is reported at the key itself, so the line points at it.
      const path =
        issue.code === "unrecognized_keys" && issue.keys.length === 1 ? [...at, issue.keys[0] as string] : at;
      const field = formatField(path);
      problems.push({
        code: "schema",
        file,
        ...(field === "" ? {} : { field }),
        line: located.lineOf(path),
        message: issue.message,
      });
    }
    return { ok: false, problems };
  }
  const { $schema: _schema, ...doc } = parsed.data;
  const checked = checkRulebook(doc);
  if (!checked.ok) {
    for (const p of checked.problems) {
      problems.push({
        code: p.code,
        file,
        field: p.path,
        line: located.lineOf(parseProblemPath(p.path)),
        message: p.message,
      });
    }
  }
  if (problems.length > 0 || !checked.ok) return { ok: false, problems };
  return { ok: true, rulebook: checked.rulebook, file };
}

/**
 * Read and validate one rulebook file.
 * @example await readRulebook("rulebook/atrocity-risk.v1.json")
 */
export async function readRulebook(path: string): Promise<RulebookReadResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const message =
      e instanceof Error && "code" in e && e.code === "ENOENT" ? "file not found" : "file cannot be read";
    return { ok: false, problems: [{ code: "io", file: path, message }] };
  }
  return parseRulebookFile(basename(path), text);
}

/**
 * Load the rulebook of a package: the highest version `<name>.v<N>.json` in `${packageRoot}/rulebook/`.
 * There must be exactly one rulebook name there (other files, such as the lexicon folder, are ignored).
 * @example const r = await loadRulebook(ctx.packageRoot); if (r.ok) replay(bundle, r.rulebook, { step: "week" });
 */
export async function loadRulebook(packageRoot: string): Promise<RulebookReadResult> {
  const dir = join(packageRoot, "rulebook");
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { ok: false, problems: [{ code: "io", file: dir, message: "rulebook folder not found" }] };
  }
  const latest = new Map<string, { version: number; file: string }>();
  for (const n of names) {
    const m = RULEBOOK_FILE.exec(n);
    if (!m) continue;
    const name = m[1] as string;
    const version = Number(m[2]);
    const seen = latest.get(name);
    if (!seen || seen.version < version) latest.set(name, { version, file: n });
  }
  if (latest.size === 0)
    return {
      ok: false,
      problems: [{ code: "io", file: dir, message: "no rulebook file (<name>.v<N>.json)" }],
    };
  if (latest.size > 1) {
    return {
      ok: false,
      problems: [
        { code: "io", file: dir, message: `more than one rulebook: ${[...latest.keys()].sort().join(", ")}` },
      ],
    };
  }
  const [{ file }] = [...latest.values()] as [{ version: number; file: string }];
  return readRulebook(join(dir, file));
}
