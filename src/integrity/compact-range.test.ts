import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendLeaf,
  decodeRange,
  EMPTY_RANGE,
  encodeRange,
  rangeRoot,
  type CompactRange,
} from "./compact-range.js";
import { emptyRoot, leafHash } from "./merkle-hash.js";
import { merkleRoot } from "./merkle-tree.js";

describe("compact range", () => {
  it("has the empty root when empty", () => {
    expect(rangeRoot(EMPTY_RANGE).equals(emptyRoot())).toBe(true);
  });

  it("gives the same root as MTH for every size up to 300", () => {
    const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(String(i))));
    let range: CompactRange = EMPTY_RANGE;
    for (let n = 1; n <= leaves.length; n++) {
      range = appendLeaf(range, leaves[n - 1] as Buffer);
      expect(rangeRoot(range).equals(merkleRoot(leaves, 0, n))).toBe(true);
    }
    expect(range.hashes.length).toBe(4); // 300 = 256 + 32 + 8 + 4
  });

  it("round-trips through JSON and refuses an inconsistent range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), (n) => {
        let r: CompactRange = EMPTY_RANGE;
        for (let i = 0; i < n; i++) r = appendLeaf(r, leafHash(Buffer.from([i])));
        const back = decodeRange(
          JSON.parse(JSON.stringify(encodeRange(r))) as { size: number; hashes: string[] },
        );
        expect(rangeRoot(back).equals(rangeRoot(r))).toBe(true);
      }),
    );
    expect(() => decodeRange({ size: 3, hashes: [] })).toThrow(RangeError);
  });
});
