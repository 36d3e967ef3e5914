import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalRow } from "./canonical-json.js";

describe("canonicalRow", () => {
  it("writes a flat row with sorted keys, dropping undefined", () => {
    expect(canonicalRow({ id: "i1", case_id: "c", n: 2, x: null, u: undefined })).toBe(
      '{"case_id":"c","id":"i1","n":2,"x":null}',
    );
    expect(canonicalRow({})).toBe("{}");
  });

  it("is canonicalJson for any row, flat or not", () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom("0", "1", "10", "007", "__proto__", "case_id", "body", "-1", "1.5"),
    );
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.constant(null),
      fc.constant(undefined),
      fc.boolean(),
      fc.date({ noInvalidDate: true }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 8 }), (row) => {
        expect(canonicalRow(row)).toBe(canonicalJson(row));
      }),
      { numRuns: 3000 },
    );
  });
});
