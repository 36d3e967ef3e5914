/**
 * Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@` (or a tab / carriage return) runs as
 * a formula when a CSV is opened in a spreadsheet. Imports store such text unchanged; whoever exports to CSV
 * neutralises it with {@link neutraliseFormula} (OWASP "CSV injection" advice: prefix a single quote).
 * @module
 */

const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * The cell as it is safe to write into a CSV meant for spreadsheets. Plain numbers (`-3`, `+1.5`) are kept:
 * they are values, not formulas.
 * @example neutraliseFormula("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 * @example neutraliseFormula("-12") // "-12"
 */
export function neutraliseFormula(cell: string): string {
  if (cell === "" || !TRIGGERS.has(cell.charAt(0))) return cell;
  if (/^[-+]?\d+(\.\d+)?$/.test(cell)) return cell;
  return `'${cell}`;
}

/** True when a cell would be read as a formula by a spreadsheet. */
export function isFormulaLike(cell: string): boolean {
  return neutraliseFormula(cell) !== cell;
}
