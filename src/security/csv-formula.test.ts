import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseCell, neutraliseRow } from "./csv-formula.js";

describe("spreadsheet formula neutralisation", () => {
  it("prefixes an apostrophe to cells starting with = + - @ tab CR", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"].map(neutraliseCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
  });

  it("leaves other cells, the empty cell and non-strings alone", () => {
    expect(["", "a=b", " =1", "1994-04-06"].map(neutraliseCell)).toEqual(["", "a=b", " =1", "1994-04-06"]);
    expect(neutraliseRow({ a: "=x", b: -1, c: null, d: "ok" })).toEqual({
      a: "'=x",
      b: -1,
      c: null,
      d: "ok",
    });
  });

  it("never leaves a trigger character first (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(["=", "+", "-", "@", "\t", "\r"]).not.toContain(neutraliseCell(s)[0]);
      }),
    );
  });
});
