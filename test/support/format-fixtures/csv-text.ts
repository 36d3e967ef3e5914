// Writers for the fixture layouts: CSV the way R's write.csv writes it (text quoted, numbers bare, missing
// values empty), plain CSV and tab-separated rows without quoting.

/** A cell: text is quoted (quotes doubled), numbers are bare, `null` is an empty field. */
export type Cell = string | number | null;

function rCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number") return String(c);
  return `"${c.replace(/"/g, '""')}"`;
}

/** CSV as R's write.csv(row.names = FALSE) writes it: quoted header, quoted text, bare numbers. */
export function rCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header.map((h) => rCell(h)).join(","), ...rows.map((r) => r.map(rCell).join(","))];
  return `${lines.join("\n")}\n`;
}

/** Plain CSV: a field is quoted only when it holds a comma, a quote or a line break. */
export function plainCsv(rows: readonly (readonly Cell[])[]): string {
  const cell = (c: Cell): string => {
    const s = c === null ? "" : String(c);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(",")).join("\n")}\n`;
}

/** Tab-separated rows, no header, no quoting (GDELT's raw layout). */
export function tsv(rows: readonly (readonly Cell[])[]): string {
  return `${rows.map((r) => r.map((c) => (c === null ? "" : String(c))).join("\t")).join("\n")}\n`;
}
