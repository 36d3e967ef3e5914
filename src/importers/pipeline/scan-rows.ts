/**
 * Read a file row by row through its format: header rows bound to a mapper, then every data row mapped to a
 * record, a deletion, a skip or a reject — in batches, with backpressure. Rows the grammar rejects and rows
 * of the wrong width become rejects here; nothing in a row can make the scan throw.
 * @module
 */
import { createHash } from "node:crypto";
import type { BoundFormat, FormatContext, ImportFormat, Layout } from "../formats/format.js";
import { ImportError } from "../import-error.js";
import { isRowError, type RawItem } from "../input/csv-tokenizer.js";
import type { InputLimits } from "../input/limits.js";
import { readRows } from "../input/read-rows.js";
import type { MappedRow } from "../mapping/mapped-row.js";
import { asImportError, openTextInput, type TextInput } from "./text-input.js";

/** One data row and what it became. */
export interface ScannedRow {
  readonly line: number;
  readonly result: MappedRow;
  /** Hash of the raw fields; set for records. */
  readonly rowHash: string;
  /** The row's fields, or its raw text for grammar errors (for the rejects file). */
  readonly raw: string;
}

export interface ScanOptions {
  readonly path: string;
  readonly format: ImportFormat;
  readonly layout: Layout;
  readonly ctx: FormatContext;
  readonly limits: InputLimits;
  readonly batchSize: number;
  /** Rows starting on or before this line are passed over (a resumed import). */
  readonly resumeAfterLine: number;
  readonly onBatch: (rows: ScannedRow[]) => Promise<void>;
  /** Called once the input is open (for progress). */
  readonly onOpen?: (input: TextInput) => void;
  /** Stop once the header is read and bound (a check of the input before anything is written). */
  readonly headerOnly?: boolean;
}

/** Thrown inside the row reader to stop a header-only scan; never escapes {@link scanRows}. */
const HEADER_DONE = new Error("header checked");

/** What the scan found about the file. */
export interface ScanResult {
  readonly bound: BoundFormat;
  readonly input: TextInput;
}

function rowHash(fields: readonly string[]): string {
  return createHash("sha1").update(fields.join("\u001f")).digest("base64");
}

/** Re-create a row's text for the rejects file. */
function rawOf(fields: readonly string[], layout: Layout): string {
  if (!layout.quote) return fields.join(layout.delimiter);
  return fields
    .map((f) => (/[",\n\r]/.test(f) || f.includes(layout.delimiter) ? `"${f.replace(/"/g, '""')}"` : f))
    .join(layout.delimiter);
}

/**
 * Scan the file. Throws ImportError for file-level problems (unreadable, archive limits, missing columns).
 * @example await scanRows({ path, format, layout, ctx, limits, batchSize: 2000, resumeAfterLine: 0, onBatch })
 */
export async function scanRows(o: ScanOptions): Promise<ScanResult> {
  const input = await openTextInput(o.path, o.limits);
  o.onOpen?.(input);
  const header: string[][] = [];
  let bound: BoundFormat | undefined;
  const bind = (): BoundFormat => {
    const b = o.format.bind(header, o.ctx);
    if ("error" in b) throw new ImportError("IMPORT_MISSING_COLUMNS", `${o.path}: ${b.error}`);
    return b;
  };
  if (o.layout.headerRows === 0) bound = bind();
  if (o.headerOnly && bound !== undefined) {
    input.text.destroy();
    return { bound, input };
  }

  try {
    await readRows(
      input.text,
      { ...o.layout, maxRecordChars: o.limits.maxRecordChars },
      o.batchSize,
      async (items: RawItem[]) => {
        const out: ScannedRow[] = [];
        for (const item of items) {
          if (bound === undefined) {
            if (isRowError(item)) {
              throw new ImportError(
                "IMPORT_MISSING_COLUMNS",
                `${o.path}: the header on line ${item.line} is unreadable (${item.error})`,
              );
            }
            header.push(item.fields);
            if (header.length === o.layout.headerRows) {
              bound = bind();
              if (o.headerOnly) throw HEADER_DONE;
            }
            continue;
          }
          if (item.line <= o.resumeAfterLine) continue;
          if (isRowError(item)) {
            out.push({
              line: item.line,
              result: { kind: "reject", problems: [{ field: "(row)", reason: item.error }] },
              rowHash: "",
              raw: item.raw,
            });
            continue;
          }
          const fields = item.fields;
          if (bound.width >= 0 && fields.length !== bound.width) {
            out.push({
              line: item.line,
              result: {
                kind: "reject",
                problems: [
                  { field: "(row)", reason: `has ${fields.length} fields, expected ${bound.width}` },
                ],
              },
              rowHash: "",
              raw: rawOf(fields, o.layout),
            });
            continue;
          }
          let result: MappedRow;
          try {
            result = bound.map(fields, item.line);
          } catch (e) {
            // A mapper bug must not stop the import: the row is rejected with the reason.
            result = {
              kind: "reject",
              problems: [{ field: "(row)", reason: `could not be mapped: ${(e as Error).message}` }],
            };
          }
          out.push({
            line: item.line,
            result,
            rowHash: result.kind === "record" ? rowHash(fields) : "",
            raw: result.kind === "reject" ? rawOf(fields, o.layout) : "",
          });
        }
        if (out.length > 0) await o.onBatch(out);
      },
    );
  } catch (e) {
    if (e === HEADER_DONE && bound !== undefined) {
      input.text.destroy();
      return { bound, input };
    }
    if (e instanceof ImportError) throw e;
    if (e instanceof Error && e.name === "StoreError") throw e;
    throw asImportError(e, o.path);
  }
  if (bound === undefined) {
    // Fewer rows than the header needs: a header-only or truncated file.
    if (header.length === 0) throw new ImportError("IMPORT_EMPTY_FILE", `${o.path} has no rows`);
    bound = bind();
  }
  return { bound, input };
}
