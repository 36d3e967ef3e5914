// A record form's value: the record in its case-file (input) shape, read and changed by path; turned into the
// request body (empty inputs left out) and checked with the kind's contract schema, problems keyed by path.
import fr from "zod/v4/locales/fr.js";
import { RECORD_SCHEMAS } from "../../../src/contracts/case.schema.js";
import type { Lang } from "../i18n.js";
import type { FieldOf, RecordKind, Spec } from "./field-spec.js";
import { writeKind } from "./write-api.js";

export type Path = readonly (string | number)[];
export type FormValue = Record<string, unknown>;

/** The value at `path`. */
export function getAt(v: unknown, path: Path): unknown {
  let x = v;
  for (const k of path) {
    if (x === null || typeof x !== "object") return undefined;
    x = (x as Record<string | number, unknown>)[k];
  }
  return x;
}

/** A copy of `v` with `path` set to `value` (objects and arrays made as needed). */
export function setAt(v: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof k === "number") {
    const arr = Array.isArray(v) ? [...(v as unknown[])] : [];
    arr[k] = setAt(arr[k], rest, value);
    return arr;
  }
  const obj = v !== null && typeof v === "object" && !Array.isArray(v) ? { ...(v as FormValue) } : {};
  obj[k] = setAt(obj[k], rest, value);
  return obj;
}

/** The text form of a stored date: `1994-04-07`, `1994-04`, `1994`, or `from/to` for a range. */
export function whenText(w: unknown): string {
  if (typeof w === "string") return w;
  if (w === null || typeof w !== "object") return "";
  const { from, to, precision } = w as { from?: string; to?: string; precision?: string };
  if (!from) return "";
  if (precision === "day") return from;
  if (precision === "month") return from.slice(0, 7);
  if (precision === "year") return from.slice(0, 4);
  return `${from}/${to ?? from}`;
}

/** A stored record (as GET answers it) as the form's value: only the kind's fields, dates as text. */
export function toFormValue(fields: readonly FieldOf[], record: FormValue): FormValue {
  const out: FormValue = {};
  for (const f of fields) {
    const v = record[f.name];
    if (v === undefined) continue;
    out[f.name] = f.spec.t === "when" ? whenText(v) : v;
  }
  return out;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v !== null && typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

/** A value as a request body part: empty inputs left out, except where the field must be given. */
function pruneSpec(spec: Spec, v: unknown): unknown {
  if (spec.t === "object" && v !== null && typeof v === "object")
    return pruneFields(spec.fields, v as FormValue);
  if (spec.t === "list" && Array.isArray(v)) return v.map((x) => pruneSpec(spec.item, x));
  if (typeof v === "string") return v.trim() === "" ? undefined : v;
  return v;
}

/** The fields' values with empty optional ones removed. */
export function pruneFields(fields: readonly FieldOf[], value: FormValue): FormValue {
  const out: FormValue = {};
  for (const f of fields) {
    const v = pruneSpec(f.spec, value[f.name]);
    if (v === undefined) continue;
    if (!f.required && isEmpty(v)) continue;
    out[f.name] = v;
  }
  return out;
}

/** A field problem: where (`citations.0.locator`) and what. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

const FRENCH = fr().localeError;

/**
 * Check a body with the kind's contract schema (the same one the server and case folders use). Zod's own
 * messages follow the language; the contracts' messages are the contracts' (English).
 */
export function checkRecord(kind: RecordKind, body: FormValue, lang: Lang = "en"): Problem[] {
  const r = RECORD_SCHEMAS[kind].safeParse(body, lang === "fr" ? { error: FRENCH } : {});
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/**
 * A server problem's path (`incidents[0].place.country`, `place.country`, `/place/country`) as a form path
 * (`place.country`): a leading `<kind>[n]` is the record itself.
 */
export function formPath(kind: RecordKind, serverPath: string): string {
  const parts = serverPath
    .replace(/\[(\d+)\]/gu, ".$1")
    .split(/[./]/u)
    .filter(Boolean);
  if ((parts[0] === writeKind(kind) || parts[0] === kind) && /^\d+$/u.test(parts[1] ?? ""))
    parts.splice(0, 2);
  else if (parts[0] === "body" || parts[0] === "record") parts.splice(0, 1);
  return parts.join(".");
}

/** The DOM id of a field's input. */
export function fieldId(path: Path): string {
  return `f-${path.join("-")}`;
}
