/**
 * Neutralise spreadsheet formulas in exported cells (OWASP "CSV injection"): a cell that starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so Excel, LibreOffice and Google
 * Sheets show it as text instead of running it.
 * @module
 */

const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * The cell value safe to write into CSV/XLSX/ODS.
 * @example neutraliseCell("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 */
export function neutraliseCell(value: string): string {
  return value.length > 0 && TRIGGERS.has(value[0] as string) ? `'${value}` : value;
}

/** Neutralise every string cell of a row; numbers, booleans and null pass unchanged (they cannot be formulas). */
export function neutraliseRow<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === "string" ? neutraliseCell(v) : v;
  return out as T;
}
