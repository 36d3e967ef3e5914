import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFormulaLike, neutraliseFormula } from "./neutralise-formula.js";

describe("neutraliseFormula", () => {
  it("prefixes formula triggers and keeps numbers and text", () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("+cmd")).toBe("'+cmd");
    expect(neutraliseFormula("-12.5")).toBe("-12.5");
    expect(neutraliseFormula("Kigali")).toBe("Kigali");
    expect(neutraliseFormula("")).toBe("");
    expect(isFormulaLike("-x")).toBe(true);
  });
  it("never leaves a formula-like cell and changes only by a prefix", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = neutraliseFormula(s);
        expect(n === s || n === `'${s}`).toBe(true);
        expect(isFormulaLike(n)).toBe(false);
      }),
    );
  });
});
