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

/** How a page turns an actor id into what a reader sees. */
export type ActorName = (id: string) => string;

/** The sender of the warnings the engine raises from its alerts (`ENGINE_SENDER` in src/engine/alert.ts). */
export const ENGINE_SENDER = "tocsin-engine";

/**
 * The actor names an analysis view carries (`actorNames: { id: name }`): the name for a known id, `engine` for
 * the engine's own alerts, anything else unchanged (ids show only on the record page).
 */
export function actorNamesOf(view: Json, engine?: string): ActorName {
  const names = (view.actorNames ?? {}) as Json;
  return (id) =>
    Object.hasOwn(names, id) ? (str(names[id]) ?? id) : id === ENGINE_SENDER && engine ? engine : id;
}

/** A cell value with actor ids (a string, or strings in an array) replaced by names. */
export function withNames(v: unknown, name: ActorName): unknown {
  if (typeof v === "string") return name(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? name(x) : x));
  return v;
}
