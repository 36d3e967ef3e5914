// Rows over the record limit (issue #6 review): one reject per row, a quote-aware skip to the row's real end,
// exact line numbers after it, constant memory, and the same items whatever the chunking.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, isRowError, type RawItem } from "./csv-tokenizer.js";
import { DEFAULT_LIMITS } from "./limits.js";

const MAX = DEFAULT_LIMITS.maxRecordChars;

interface Opts {
  readonly delimiter?: string;
  readonly quote?: boolean;
  readonly max?: number;
}

function tokenizer(o: Opts): CsvTokenizer {
  return new CsvTokenizer({
    delimiter: o.delimiter ?? ",",
    quote: o.quote ?? true,
    maxRecordChars: o.max ?? MAX,
  });
}

/** Tokenize `text` cut at `cuts` (sorted positions). */
function tokenizeAt(text: string, cuts: readonly number[], o: Opts = {}): RawItem[] {
  const t = tokenizer(o);
  const out: RawItem[] = [];
  let prev = 0;
  for (const c of [...cuts, text.length]) {
    if (c > prev) t.push(text.slice(prev, c), out);
    prev = Math.max(prev, c);
  }
  t.end(out);
  return out;
}

/** Tokenize `text` in chunks of `size` characters. */
function tokenize(text: string, size: number, o: Opts = {}): RawItem[] {
  const cuts: number[] = [];
  for (let i = size; i < text.length; i += size) cuts.push(i);
  return tokenizeAt(text, cuts, o);
}

/** `line:first-field` for rows, `line:!reason-start` for rejects. */
function brief(items: readonly RawItem[]): string[] {
  return items.map((o) =>
    isRowError(o) ? `${o.line}:!${o.error.split(":")[0]}` : `${o.line}:${o.fields[0]}`,
  );
}

/** 1-based physical line of the first line starting with `prefix`. */
function lineOf(text: string, prefix: string): number {
  return text.split("\n").findIndex((l) => l.startsWith(prefix)) + 1;
}

/** A multi-line note of about `chars` characters, `lines` lines, with `inside` placed near its end. */
function note(chars: number, lines: number, inside = "", nl = "\n"): string {
  const per = Math.ceil(chars / lines);
  const line = `${"Witnesses said the shelling went on. ".repeat(Math.ceil(per / 37)).slice(0, per)}`;
  const parts = Array.from({ length: lines }, () => line);
  parts.splice(lines - 5, 0, inside);
  return parts.join(nl);
}

const HEADER = "event_id_cnty,event_date,notes,fatalities";

/** 11 data rows; row 3 has a huge multi-line note with a whole fake row in it; row 10 has a stray quote. */
function smuggleFile(nl = "\n", noteChars = 1_500_000): { text: string; noteLines: number } {
  const fake = `FAKE0001,2022-01-01,smuggled,999`;
  const cell = note(noteChars, 200, fake, nl).replace(/"/g, '""');
  const rows = [HEADER];
  for (let k = 1; k <= 11; k++) {
    if (k === 3) rows.push(`ROW${k},2022-01-03,"He said ""stop"".${nl}${cell}",3`);
    else if (k === 10) rows.push(`ROW${k},2022-01-10,"stray"quote,1`);
    else rows.push(`ROW${k},2022-01-0${k % 10},"note ${k}",${k}`);
  }
  const text = rows.join(nl) + nl;
  return { text, noteLines: (`"He said ""stop"".${nl}${cell}"`.match(/\n/g) ?? []).length };
}

describe("CsvTokenizer: rows over the record limit", () => {
  it("rejects a 1.5 MB multi-line note as one row and never reads the fake row smuggled inside it", () => {
    const { text, noteLines } = smuggleFile();
    expect(text.length).toBeGreaterThan(1.4 * MAX);
    expect(noteLines).toBe(201);
    const bad = lineOf(text, "ROW10,");
    expect(bad).toBe(4 + 201 + 7);
    const expected = [
      "1:event_id_cnty",
      "2:ROW1",
      "3:ROW2",
      "4:!huge field",
      `${4 + 201 + 1}:ROW4`,
      ...[5, 6, 7, 8, 9].map((k) => `${4 + 201 + k - 3}:ROW${k}`),
      `${bad}:!malformed quoting`,
      `${bad + 1}:ROW11`,
    ];
    // Chunks as the decoder hands them (256 KiB reads), smaller ones, and the whole text at once.
    for (const size of [256 * 1024, 65_536, 32_749, text.length]) {
      const out = tokenize(text, size);
      expect(brief(out)).toEqual(expected);
      expect(JSON.stringify(out.filter((o) => !isRowError(o)))).not.toContain("FAKE0001");
      const huge = out[3];
      expect(huge && isRowError(huge) ? huge.error : "").toBe(
        `huge field: the row exceeds the limit of ${MAX} characters per record (maxRecordChars); it ends on line ${4 + 201}`,
      );
      expect(huge && isRowError(huge) ? huge.raw : "").toBe(
        text.slice(text.indexOf("ROW3,"), text.indexOf("ROW3,") + 4096),
      );
    }
  });

  it("counts lines the same with CRLF line ends, and keeps no CR in the raw text", () => {
    const { text } = smuggleFile("\r\n");
    const lf = smuggleFile("\n").text;
    for (const size of [256 * 1024, 32_749]) {
      const out = tokenize(text, size);
      expect(brief(out)).toEqual(brief(tokenize(lf, size)));
      expect(
        out.filter((o) => !isRowError(o)).map((o) => (o as { fields: string[] }).fields.at(-1)),
      ).not.toContain(expect.stringContaining("\r"));
    }
    // A short huge row (limit 20) ending in CRLF: raw without the line end.
    expect(tokenize(`a,"${"x".repeat(30)}"\r\nb,1\r\n`, 7, { max: 20 })).toEqual([
      {
        line: 1,
        error:
          "huge field: the row exceeds the limit of 20 characters per record (maxRecordChars); it ends on line 1",
        raw: `a,"${"x".repeat(30)}"`,
      },
      { line: 2, fields: ["b", "1"] },
    ]);
  });

  it("follows doubled quotes and quoted newlines while skipping, at any chunk boundary", () => {
    // The skipped field holds "" escapes, a "" right before a newline, delimiters and a line that looks like
    // a row; the limit (10) is passed in its first line.
    const text = 'h1,h2\n1,"aaaaaaaaaaaa""\nfake,row\n""""\n,x""",2\n3,4\r\n5,"6\n7"\n';
    const expected = [
      { line: 1, fields: ["h1", "h2"] },
      {
        line: 2,
        error:
          "huge field: the row exceeds the limit of 10 characters per record (maxRecordChars); it ends on line 5",
        raw: '1,"aaaaaaaaaaaa""\nfake,row\n""""\n,x""",2',
      },
      { line: 6, fields: ["3", "4"] },
      { line: 7, fields: ["5", "6\n7"] },
    ];
    expect(tokenizeAt(text, [], { max: 10 })).toEqual(expected);
    for (let a = 0; a <= text.length; a++) {
      expect([a, tokenizeAt(text, [a], { max: 10 })]).toEqual([a, expected]);
      for (let b = a + 1; b < text.length; b += 3) {
        expect([a, b, tokenizeAt(text, [a, b], { max: 10 })]).toEqual([a, b, expected]);
      }
    }
    for (let size = 1; size <= text.length; size++)
      expect([size, tokenize(text, size, { max: 10 })]).toEqual([size, expected]);
  });

  it("gives the same items for any chunking, and the same lines as a run without a limit (property)", () => {
    const unit = fc.constantFrom("a", "b", ",", '"', '""', "\n", "\r\n", "\r", " ");
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 120 }).map((u) => u.join("")),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        (text, rawCuts, max, quote) => {
          const cuts = [...new Set(rawCuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
          const whole = tokenizeAt(text, [], { max, quote });
          expect(tokenizeAt(text, cuts, { max, quote })).toEqual(whole);
          // Against no limit: one item per row, at the same line; a row is either unchanged or a huge-field reject.
          // (Below 4 characters a blank line, `""\r\n` at most, could itself be over the limit.)
          if (max < 4) return;
          const free = tokenizeAt(text, [], { max: Number.MAX_SAFE_INTEGER, quote });
          expect(whole.map((o) => o.line)).toEqual(free.map((o) => o.line));
          whole.forEach((o, k) => {
            if (!(isRowError(o) && o.error.startsWith("huge field"))) expect(o).toEqual(free[k]);
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("resynchronises at the next line end when quoting is off (GDELT), whatever the quotes", () => {
    const big = `1\t"${"z".repeat(40)}\t"quoted\n`;
    const text = `0\ta\n${big}2\t"b\n3\tc"\n`;
    const expected = [
      { line: 1, fields: ["0", "a"] },
      {
        line: 2,
        error:
          "huge field: the row exceeds the limit of 30 characters per record (maxRecordChars); it ends on line 2",
        raw: big.slice(0, -1),
      },
      { line: 3, fields: ["2", '"b'] },
      { line: 4, fields: ["3", 'c"'] },
    ];
    for (let size = 1; size <= text.length; size++) {
      expect([size, tokenize(text, size, { delimiter: "\t", quote: false, max: 30 })]).toEqual([
        size,
        expected,
      ]);
    }
  });

  it("makes the rest of the file one reject when an oversized quoted field is never closed", () => {
    const text = `a,1\nb,"never closed\n${"c,3\n".repeat(20)}`;
    // Within the limit: the existing behaviour, one reject from the opening quote's row to the end.
    expect(brief(tokenize(text, 5, { max: 1000 }))).toEqual(["1:a", "2:!malformed quoting"]);
    // Over it: still one reject, started on line 2, whose reason says both.
    for (const size of [1, 5, 16, text.length]) {
      const out = tokenize(text, size, { max: 30 });
      expect(out).toEqual([
        { line: 1, fields: ["a", "1"] },
        {
          line: 2,
          error:
            "huge field: the row exceeds the limit of 30 characters per record (maxRecordChars), and a quoted field in it is not closed before the end of the file",
          raw: text.slice(4),
        },
      ]);
    }
  });

  it("keeps constant memory while skipping: no buffered text, a raw prefix of 4096 characters", () => {
    const t = tokenizer({});
    const out: RawItem[] = [];
    const inside = 'Ring road, ""near the market"",\nwhere\n'.repeat(1700); // ~64 KiB, 3400 lines
    t.push('id,notes\n1,"', out);
    const state = t as unknown as { pending: string; skipping?: { raw: string } };
    let most = 0;
    for (let k = 0; k < 80; k++) {
      // ~5 MB in one field, far past the 1 MiB limit.
      t.push(inside, out);
      most = Math.max(most, state.pending.length + (state.skipping?.raw.length ?? 0));
    }
    expect(most).toBeLessThanOrEqual(MAX + inside.length);
    expect(state.pending).toBe("");
    expect(state.skipping?.raw.length).toBe(4096);
    t.push('",9\n2,after\n', out);
    t.end(out);
    expect(brief(out)).toEqual(["1:id", "2:!huge field", `${3 + 80 * 3400}:2`]);
  });
});
