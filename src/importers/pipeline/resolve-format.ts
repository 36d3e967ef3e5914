/**
 * Choose the format of a file: the one named, or with `auto` the one its first rows match.
 * @module
 */
import { detectFormat, FORMAT_NAMES, formatByName, type ImportFormat } from "../formats/index.js";
import { ImportError } from "../import-error.js";
import { CsvTokenizer, isRowError, type RawItem } from "../input/csv-tokenizer.js";

/** The first line and first rows (split as CSV) of a sniffed text. */
export function firstRows(text: string): { readonly firstLine: string; readonly rows: string[][] } {
  const nl = text.indexOf("\n");
  const firstLine = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, "");
  const t = new CsvTokenizer({ delimiter: ",", quote: true, maxRecordChars: text.length + 1 });
  const out: RawItem[] = [];
  t.push(text, out);
  const rows = out.filter((r) => !isRowError(r)).slice(0, 3) as { fields: string[] }[];
  return { firstLine, rows: rows.map((r) => r.fields) };
}

/**
 * The format for `requested` (a format name or `auto`) given the file's first text.
 * @throws ImportError IMPORT_EMPTY_FILE, IMPORT_UNKNOWN_FORMAT or IMPORT_FORMAT_NOT_DETECTED.
 */
export function resolveFormat(requested: string, sniffed: string, file: string): ImportFormat {
  if (sniffed.trim() === "")
    throw new ImportError("IMPORT_EMPTY_FILE", `${file} is empty: nothing to import`);
  if (requested !== "auto") {
    const f = formatByName(requested);
    if (!f) {
      throw new ImportError(
        "IMPORT_UNKNOWN_FORMAT",
        `unknown format "${requested}" (use one of: ${FORMAT_NAMES.join(", ")}, auto)`,
      );
    }
    return f;
  }
  const { firstLine, rows } = firstRows(sniffed);
  const f = detectFormat(firstLine, rows);
  if (!f) {
    const shown = firstLine.length > 120 ? `${firstLine.slice(0, 120)}…` : firstLine;
    throw new ImportError(
      "IMPORT_FORMAT_NOT_DETECTED",
      `cannot tell the format of ${file} from its first line ("${shown}"); name it: ${FORMAT_NAMES.join(", ")}`,
    );
  }
  return f;
}
