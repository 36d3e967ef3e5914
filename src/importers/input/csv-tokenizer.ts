/**
 * An incremental RFC 4180 tokenizer: push text chunks, get complete rows with their starting line numbers.
 * Written here rather than using csv-parse because an importer must survive what csv-parse stops at (a stray
 * quote or an oversized record ends its stream), must report the raw text of each bad row, and must keep up
 * with sqlite3's own `.import` (this loop runs about 3× faster on the 1M-row benchmark).
 * Grammar: fields separated by `delimiter`, rows by `\n` or `\r\n`; with quoting on, a field may be wrapped in
 * `"` and contain delimiters, newlines and doubled `""`. After a malformed row the tokenizer resynchronises at
 * the next line end.
 * @module
 */

/** A parsed row: its fields and the (1-based) line where it starts. */
export interface RawRow {
  readonly line: number;
  readonly fields: string[];
}

/** A row the grammar rejected, with a reason and (the start of) its raw text. */
export interface RawRowError {
  readonly line: number;
  readonly error: string;
  readonly raw: string;
}

export type RawItem = RawRow | RawRowError;

/** How to split the text. GDELT is tab-separated with no quoting at all. */
export interface DelimitedOptions {
  readonly delimiter: string;
  readonly quote: boolean;
  readonly maxRecordChars: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const RAW_KEEP = 4096;

/** True when `item` is a grammar error rather than a row. */
export function isRowError(item: RawItem): item is RawRowError {
  return (item as RawRowError).error !== undefined;
}

/**
 * The tokenizer. Not a stream itself: {@link readRows} drives it so batching and backpressure stay in one place.
 * @example const t = new CsvTokenizer({ delimiter: ",", quote: true, maxRecordChars: 1e6 }); t.push("a,b\n1,2\n", out)
 */
export class CsvTokenizer {
  private pending = "";
  /** Line number of the first character of `pending`. */
  private line = 1;
  /** Skipping the rest of an oversized row until the next line end. */
  private skipping = false;
  private readonly delim: number;

  constructor(private readonly options: DelimitedOptions) {
    if (options.delimiter.length !== 1) throw new Error("CsvTokenizer: the delimiter must be one character");
    this.delim = options.delimiter.charCodeAt(0);
  }

  /** Feed a chunk; complete rows are appended to `out`. */
  push(chunk: string, out: RawItem[]): void {
    let text = this.pending.length > 0 ? this.pending + chunk : chunk;
    if (this.skipping) {
      const nl = text.indexOf("\n");
      if (nl < 0) {
        this.pending = "";
        return;
      }
      this.line += 1;
      text = text.slice(nl + 1);
      this.skipping = false;
    }
    const consumed = this.scan(text, false, out);
    this.pending = consumed < text.length ? text.slice(consumed) : "";
    if (this.pending.length > this.options.maxRecordChars) {
      out.push({
        line: this.line,
        error: `huge field: the row exceeds ${this.options.maxRecordChars} characters`,
        raw: this.pending.slice(0, RAW_KEEP),
      });
      this.pending = "";
      this.skipping = true;
    }
  }

  /** Signal the end of input; a last row without a line end is emitted, an unclosed quote becomes an error. */
  end(out: RawItem[]): void {
    if (this.skipping || this.pending.length === 0) return;
    this.scan(this.pending, true, out);
    this.pending = "";
  }

  /** Scan complete rows from `text`; returns how many characters were consumed. */
  private scan(text: string, final: boolean, out: RawItem[]): number {
    const n = text.length;
    const delim = this.delim;
    const quoting = this.options.quote;
    const max = this.options.maxRecordChars;
    let pos = 0;
    while (pos < n) {
      const rowStart = pos;
      const rowLine = this.line;
      let lines = 0;
      const fields: string[] = [];
      let i = pos;
      let error: string | undefined;
      let complete = false;
      // One iteration per field.
      for (;;) {
        if (quoting && i < n && text.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let value = "";
          let segStart = j;
          let closed = false;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === QUOTE) {
              if (j + 1 < n && text.charCodeAt(j + 1) === QUOTE) {
                value += text.slice(segStart, j + 1);
                j += 2;
                segStart = j;
                continue;
              }
              if (j + 1 >= n && !final) break; // cannot tell yet whether it is "" or the end
              value += text.slice(segStart, j);
              closed = true;
              j += 1;
              break;
            }
            if (c === LF) lines++;
            j++;
          }
          if (!closed) {
            if (!final) return rowStart; // need more text
            error = "malformed quoting: a quoted field is not closed before the end of the file";
            i = n;
            break;
          }
          fields.push(value);
          i = j;
          if (i >= n) {
            if (!final) return rowStart;
            complete = true;
            break;
          }
          const c = text.charCodeAt(i);
          if (c === delim) {
            i++;
            continue;
          }
          if (c === LF) {
            i++;
            complete = true;
            break;
          }
          if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) {
            i += 2;
            complete = true;
            break;
          }
          if (c === CR && i + 1 >= n && !final) return rowStart;
          error = `malformed quoting: unexpected character after a closing quote in field ${fields.length}`;
          break;
        }
        // Unquoted field: up to the delimiter or the line end.
        let j = i;
        let c = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === delim || c === LF) break;
          j++;
        }
        if (j >= n) {
          if (!final) return rowStart;
          fields.push(text.slice(i, j));
          i = n;
          complete = true;
          break;
        }
        if (c === delim) {
          fields.push(text.slice(i, j));
          i = j + 1;
          continue;
        }
        // Line end; drop the CR of a CRLF.
        fields.push(text.slice(i, j > i && text.charCodeAt(j - 1) === CR ? j - 1 : j));
        i = j + 1;
        complete = true;
        break;
      }
      if (error !== undefined) {
        // Resynchronise at the next line end after the error point.
        const nl = text.indexOf("\n", i);
        if (nl < 0 && !final) return rowStart;
        const end = nl < 0 ? n : nl + 1;
        lines += countLf(text, i, end);
        out.push({
          line: rowLine,
          error,
          raw: text.slice(rowStart, Math.min(end, rowStart + RAW_KEEP)).replace(/\r?\n$/, ""),
        });
        this.line += lines;
        pos = end;
        continue;
      }
      if (complete) {
        // A line end consumed by the row counts as one line.
        const endedWithLf = i > rowStart && text.charCodeAt(i - 1) === LF;
        this.line += lines + (endedWithLf ? 1 : 0);
        pos = i;
        if (fields.length === 1 && fields[0] === "") continue; // blank line
        if (i - rowStart > max) {
          out.push({
            line: rowLine,
            error: `huge field: the row exceeds ${max} characters`,
            raw: text.slice(rowStart, rowStart + RAW_KEEP),
          });
          continue;
        }
        out.push({ line: rowLine, fields });
      }
    }
    return pos;
  }
}

function countLf(text: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === LF) k++;
  return k;
}
