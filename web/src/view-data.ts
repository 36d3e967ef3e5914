// Helpers to read analysis results whose exact shape belongs to the server: safe accessors, never HTML.

export type Json = Record<string, unknown>;

/** Risk levels, lowest first. */
export const LEVELS = ["none", "elevated", "high", "imminent", "ongoing"] as const;

/** A string field, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A number field, or undefined. */
export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** An array field of objects, or []. */
export function arr(v: unknown): Json[] {
  return Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === "object") as Json[]) : [];
}

/** An array of strings, or []. */
export function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Any value as short text for a table cell (objects as "key: value" pairs, keys named by `label`; rendered as
 * text, never as HTML).
 */
export function text(v: unknown, label: (key: string) => string = (k) => k): string {
  if (v === undefined || v === null) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v))
    return v.map((x) => text(x, label)).join(v.every((x) => typeof x !== "object") ? ", " : "; ");
  if (typeof v === "object") {
    const o = v as Json;
    if (
      typeof o.from === "string" &&
      Object.keys(o).every((k) => k === "from" || k === "to" || k === "precision")
    ) {
      return typeof o.to === "string" && o.to !== o.from ? `${o.from} – ${o.to}` : o.from;
    }
    return Object.entries(o)
      .map(([k, x]) => `${label(k)}: ${text(x, label)}`)
      .join(", ");
  }
  return String(v);
}

/** Whole days from day a to day b. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
