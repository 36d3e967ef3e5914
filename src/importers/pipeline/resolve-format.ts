/**
 * Choose the format of a file: the one named, or with `auto` the one its first rows match.
 * @module
 */
import { HXL_MAX_HEADER_ROWS } from "../formats/format.js";
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
  // Enough rows for HXL's hashtag row after up to HXL_MAX_HEADER_ROWS header rows.
  const rows = out.filter((r) => !isRowError(r)).slice(0, HXL_MAX_HEADER_ROWS + 2) as { fields: string[] }[];
  return { firstLine, rows: rows.map((r) => r.fields) };
}

/**
 * The format for `requested` (a format name or `auto`) given the file's first text, specialised to the file
 * by the format's `sniff` (e.g. HXL's header rows); a file the format's `sniff` refuses (e.g. a headerless
 * GDELT file whose first row has the wrong width) is a file-level error naming expected and found.
 * @throws ImportError IMPORT_EMPTY_FILE, IMPORT_UNKNOWN_FORMAT, IMPORT_FORMAT_NOT_DETECTED or
 *   IMPORT_MISSING_COLUMNS.
 */
export function resolveFormat(requested: string, sniffed: string, file: string): ImportFormat {
  if (sniffed.trim() === "")
    throw new ImportError("IMPORT_EMPTY_FILE", `${file} is empty: nothing to import`);
  const head = firstRows(sniffed);
  if (requested !== "auto") {
    const f = formatByName(requested);
    if (!f) {
      throw new ImportError(
        "IMPORT_UNKNOWN_FORMAT",
        `unknown format "${requested}" (use one of: ${FORMAT_NAMES.join(", ")}, auto)`,
      );
    }
    return specialise(f, head, file);
  }
  const f = detectFormat(head.firstLine, head.rows);
  if (!f) {
    const { firstLine } = head;
    const shown = firstLine.length > 120 ? `${firstLine.slice(0, 120)}…` : firstLine;
    throw new ImportError(
      "IMPORT_FORMAT_NOT_DETECTED",
      `cannot tell the format of ${file} from its first line ("${shown}"); name it: ${FORMAT_NAMES.join(", ")}`,
    );
  }
  return specialise(f, head, file);
}

/** The format as its `sniff` specialises it to this file, or the file-level error it finds. */
function specialise(f: ImportFormat, head: ReturnType<typeof firstRows>, file: string): ImportFormat {
  if (f.sniff === undefined) return f;
  const s = f.sniff(head);
  if (!("error" in s)) return s;
  const other = detectFormat(head.firstLine, head.rows);
  const hint =
    other !== undefined && other.name !== f.name
      ? `; its first rows match the ${other.name} format (import it as \`${other.name}\` or \`auto\`)`
      : "";
  throw new ImportError("IMPORT_MISSING_COLUMNS", `${file}: ${s.error}${hint}`);
}
