import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonLocated } from "./json-locate.js";

describe("parseJsonLocated", () => {
  it("records the line of every value", () => {
    const r = parseJsonLocated('[\n  {\n    "id": "a",\n    "tags": [\n      "x"\n    ]\n  }\n]\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([{ id: "a", tags: ["x"] }]);
    expect(r.lineOf([0, "id"])).toBe(3);
    expect(r.lineOf([0, "tags", 0])).toBe(5);
    // a missing path falls back to its nearest existing ancestor
    expect(r.lineOf([0, "missing", 2])).toBe(2);
  });

  it("reports a syntax error with its line and column", () => {
    const r = parseJsonLocated('{\n  "a": 1\n  "b": 2\n}');
    expect(r).toEqual({
      ok: false,
      line: 3,
      column: 3,
      message: 'expected "," or "}" after a property value, found \'"\'',
    });
  });

  it("reports empty input and trailing garbage", () => {
    expect(parseJsonLocated("")).toMatchObject({ ok: false, line: 1, message: "unexpected end of file" });
    expect(parseJsonLocated("[] x")).toMatchObject({ ok: false, line: 1, column: 4 });
    expect(parseJsonLocated('["a\nb"]')).toMatchObject({ ok: false, message: "line break inside a string" });
  });

  it("lists duplicate keys", () => {
    const r = parseJsonLocated('{\n "a": 1,\n "a": 2\n}');
    expect(r.ok && r.duplicateKeys).toEqual([{ path: ["a"], line: 3 }]);
    expect(r.ok && r.value).toEqual({ a: 2 });
  });

  it("parses what JSON.stringify writes exactly as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const r = parseJsonLocated(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseJsonLocated(s);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
