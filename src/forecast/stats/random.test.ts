import { describe, expect, it } from "vitest";
import { foldIds, mulberry32 } from "./random.js";

describe("mulberry32", () => {
  it("is reproducible for a seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
});

describe("foldIds", () => {
  it("assigns balanced folds 1..k, reproducibly, and a different seed reshuffles", () => {
    const f = foldIds(103, 10, 2013);
    expect(Array.from(f)).toEqual(Array.from(foldIds(103, 10, 2013)));
    const counts = new Array<number>(11).fill(0);
    for (const id of f) counts[id]!++;
    expect(counts.slice(1)).toEqual([11, 11, 11, 10, 10, 10, 10, 10, 10, 10]);
    expect(Array.from(foldIds(103, 10, 2014))).not.toEqual(Array.from(f));
  });
  it("handles empty input", () => {
    expect(foldIds(0, 10, 1)).toHaveLength(0);
  });
});
