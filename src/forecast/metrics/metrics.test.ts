import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc } from "./auc.js";
import { delongAuc } from "./auc-delong.js";
import { brier, brierSkill } from "./brier.js";
import { rankOrder, topK } from "./top-k.js";

describe("auc", () => {
  it("matches a hand count: 3 of 4 positive–negative pairs ordered", () => {
    expect(auc(Float64Array.of(0.1, 0.4, 0.35, 0.8), Float64Array.of(0, 0, 1, 1))).toBe(0.75);
  });
  it("counts ties as one half", () => {
    // pairs: (0.5 vs 0.5) = 0.5, (0.5 vs 0.2) = 1 → 1.5 / 2
    expect(auc(Float64Array.of(0.5, 0.5, 0.2), Float64Array.of(1, 0, 0))).toBe(0.75);
  });
  it("is null for empty input or a single class", () => {
    expect(auc(new Float64Array(0), new Float64Array(0))).toBeNull();
    expect(auc(Float64Array.of(0.3, 0.2), Float64Array.of(0, 0))).toBeNull();
  });
  it("equals the pairwise count on random data", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        (rows) => {
          const s = Float64Array.from(rows.map((r) => r[0]));
          const l = Float64Array.from(rows.map((r) => (r[1] ? 1 : 0)));
          let num = 0;
          let den = 0;
          rows.forEach((a) =>
            rows.forEach((b) => {
              if (a[1] && !b[1]) {
                den++;
                num += a[0] > b[0] ? 1 : a[0] === b[0] ? 0.5 : 0;
              }
            }),
          );
          const got = auc(s, l);
          if (den === 0) expect(got).toBeNull();
          else expect(got).toBeCloseTo(num / den, 12);
        },
      ),
    );
  });
});

describe("delongAuc", () => {
  it("gives the AUC with the DeLong variance computed by hand", () => {
    // positives 0.35, 0.8; negatives 0.1, 0.4, 0.2. V10 = [2/3, 1], V01 = [1, 0.5, 1], AUC = 5/6.
    const r = delongAuc(Float64Array.of(0.1, 0.4, 0.35, 0.8, 0.2), Float64Array.of(0, 0, 1, 1, 0))!;
    expect(r.auc).toBeCloseTo(5 / 6, 12);
    const s10 = ((2 / 3 - 5 / 6) ** 2 + (1 - 5 / 6) ** 2) / 1;
    const s01 = ((1 - 5 / 6) ** 2 + (0.5 - 5 / 6) ** 2 + (1 - 5 / 6) ** 2) / 2;
    expect(r.se).toBeCloseTo(Math.sqrt(s10 / 2 + s01 / 3), 12);
    expect(r.high).toBe(1);
    expect(r.low).toBeCloseTo(5 / 6 - 1.959964 * r.se, 12);
  });
  it("is null with fewer than two of a class", () => {
    expect(delongAuc(Float64Array.of(0.1, 0.2, 0.3), Float64Array.of(1, 0, 0))).toBeNull();
    expect(delongAuc(new Float64Array(0), new Float64Array(0))).toBeNull();
  });
});

describe("brier", () => {
  it("is the mean squared error", () => {
    expect(brier(Float64Array.of(0.2, 0.9), Float64Array.of(0, 1))).toBeCloseTo(0.025, 15);
    expect(brier(new Float64Array(0), new Float64Array(0))).toBeNull();
  });
  it("skill is 1 − Brier/Brier(reference)", () => {
    expect(
      brierSkill(Float64Array.of(0.2, 0.9), Float64Array.of(0.5, 0.5), Float64Array.of(0, 1)),
    ).toBeCloseTo(0.9, 12);
    expect(brierSkill(Float64Array.of(0.2), Float64Array.of(0), Float64Array.of(0))).toBeNull();
  });
});

describe("topK", () => {
  it("counts positives among the k highest scores, ties in input order", () => {
    expect(rankOrder(Float64Array.of(0.1, 0.9, 0.5, 0.9))).toEqual([1, 3, 2, 0]);
    expect(topK(Float64Array.of(0.1, 0.9, 0.5), Float64Array.of(1, 1, 0), 2)).toBe(1);
    expect(topK(Float64Array.of(0.1), Float64Array.of(1), 30)).toBe(1);
    expect(topK(new Float64Array(0), new Float64Array(0), 30)).toBe(0);
  });
});
