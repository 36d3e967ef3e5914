/**
 * Canonical JSON (object keys sorted, `undefined` dropped) and its SHA-256: equal records hash equal
 * whatever order their keys were written in, which is what makes loading idempotent.
 * @module
 */
import { createHash } from "node:crypto";

/**
 * JSON text with object keys in sorted order at every depth.
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Hex SHA-256 of a text. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A key `JSON.stringify` of a sorted copy would not list in plain sorted order (an array index) or not at all. */
const UNORDERED_KEY = /^(?:0|[1-9][0-9]*|__proto__)$/;

/**
 * {@link canonicalJson} of a flat row (column → string, number or null), written directly: the same text,
 * without the sorted copy (it runs for every row an import writes and every row `log verify` reads). Any other
 * value or key shape goes through {@link canonicalJson}.
 * @example canonicalRow({ id: "i1", case_id: "c", n: 2 }) // '{"case_id":"c","id":"i1","n":2}'
 */
export function canonicalRow(row: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(row).sort();
  let s = "{";
  for (const k of keys) {
    const v = row[k];
    if (v === undefined) continue;
    if ((v !== null && typeof v === "object") || typeof v === "bigint" || typeof v === "function")
      return canonicalJson(row);
    if (UNORDERED_KEY.test(k)) return canonicalJson(row);
    if (typeof v === "symbol") continue;
    s += (s.length > 1 ? "," : "") + JSON.stringify(k) + ":" + JSON.stringify(v);
  }
  return s + "}";
}
