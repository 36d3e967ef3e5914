import { describe, expect, it } from "vitest";
import { emptyRoot, leafHash, nodeHash, splitPoint } from "./merkle-hash.js";
import { consistencyProof, inclusionProof, merkleRoot } from "./merkle-tree.js";
import { verifyConsistency, verifyInclusion } from "./proof-verify.js";

const [a, b, c] = ["a", "b", "c"].map((s) => leafHash(Buffer.from(s))) as [Buffer, Buffer, Buffer];

describe("RFC 9162 tree head and proofs", () => {
  it("hashes the empty tree to SHA-256 of nothing", () => {
    expect(merkleRoot([]).toString("hex")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(emptyRoot().equals(merkleRoot([]))).toBe(true);
  });

  it("splits at the largest power of two below n", () => {
    expect([2, 3, 4, 5, 8, 9].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8]);
    expect(merkleRoot([a, b, c]).equals(nodeHash(nodeHash(a, b), c))).toBe(true);
  });

  it("builds the paths of RFC 9162 §2.1.3.1 and §2.1.4.1 for three leaves", () => {
    expect(inclusionProof([a, b, c], 2, 3)).toEqual([nodeHash(a, b)]);
    expect(inclusionProof([a, b, c], 0, 3)).toEqual([b, c]);
    expect(consistencyProof([a, b, c], 2, 3)).toEqual([c]);
    expect(consistencyProof([a, b, c], 1, 3)).toEqual([b, c]);
    expect(consistencyProof([a, b, c], 0, 3)).toEqual([]);
  });

  it("refuses out-of-range requests (missing leaves) with a RangeError naming the function", () => {
    expect(() => inclusionProof([a], 1, 1)).toThrow(/inclusionProof/);
    expect(() => inclusionProof([], 0, 0)).toThrow(RangeError);
    expect(() => consistencyProof([a], 1, 2)).toThrow(/consistencyProof/);
    expect(() => merkleRoot([a], 0, 2)).toThrow(/merkleRoot/);
  });

  it("never throws on hostile verifier input", () => {
    expect(verifyInclusion(a, Number.NaN, 1, a, [])).toBe(false);
    expect(verifyInclusion(a, 0, 1, a, [Buffer.alloc(3)])).toBe(false);
    expect(verifyConsistency(1, 2, a, a, [Buffer.alloc(0)])).toBe(false);
    expect(verifyConsistency(-1, 2, a, a, [])).toBe(false);
  });
});
