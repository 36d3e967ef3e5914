import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvTokenizer, type RawItem } from "./csv-tokenizer.js";

function tokenize(
  text: string,
  chunk = text.length || 1,
  delimiter = ",",
  quote = true,
  max = 1 << 20,
): RawItem[] {
  const t = new CsvTokenizer({ delimiter, quote, maxRecordChars: max });
  const out: RawItem[] = [];
  for (let i = 0; i < text.length; i += chunk) t.push(text.slice(i, i + chunk), out);
  t.end(out);
  return out;
}

describe("CsvTokenizer", () => {
  it("splits rows and fields with their starting lines, across quoted newlines and CRLF", () => {
    expect(tokenize('a,b\r\n"x\ny",2\n\n"q""uote",\nlast,1')).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["x\ny", "2"] },
      { line: 5, fields: ['q"uote', ""] },
      { line: 6, fields: ["last", "1"] },
    ]);
  });

  it("returns nothing for empty input", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("\n\n")).toEqual([]);
  });

  it("reports a stray quote with its raw text and goes on at the next line", () => {
    expect(tokenize('1,"a"b,2\n3,4\n')).toEqual([
      {
        line: 1,
        error: "malformed quoting: unexpected character after a closing quote in field 2",
        raw: '1,"a"b,2',
      },
      { line: 2, fields: ["3", "4"] },
    ]);
  });

  it("reports an unclosed quote at the end and a row over the size limit", () => {
    expect(tokenize('1,2\n"open,3\n4,5')).toEqual([
      { line: 1, fields: ["1", "2"] },
      {
        line: 2,
        error: "malformed quoting: a quoted field is not closed before the end of the file",
        raw: '"open,3\n4,5',
      },
    ]);
    const out = tokenize(`${"x".repeat(50)}\nok\n`, 7, ",", true, 20);
    expect(out.map((o) => ("error" in o ? `${o.line}:error` : `${o.line}:${o.fields.join("|")}`))).toEqual([
      "1:error",
      "2:ok",
    ]);
  });

  it("keeps quotes as text when quoting is off (GDELT)", () => {
    expect(tokenize('1\t"a\tb"\n', 4, "\t", false)).toEqual([{ line: 1, fields: ["1", '"a', 'b"'] }]);
  });

  it("round-trips any table written by csv-stringify, whatever the chunking", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "é", ",", '"', "\n", "\r\n", " ", "=", "\t") });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (table, chunk) => {
          const rows = table.filter((r) => !(r.length === 1 && r[0] === ""));
          const text = stringify(rows, { record_delimiter: "\n", quoted_match: /\r/ });
          const out = tokenize(text, chunk);
          expect(out.map((o) => ("fields" in o ? o.fields : o))).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
  });
});
