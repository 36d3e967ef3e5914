// Mutation test: for every tree of 1..64 leaves and every inclusion and consistency proof, every single change
// to the proof, the leaf, the index, the sizes or the roots is rejected by the RFC 9162 verifiers.
import { describe, expect, it } from "vitest";
import { leafHash } from "../../src/integrity/merkle-hash.js";
import {
  consistencyProof,
  inclusionProof,
  merkleRoot,
  type SubtreeCache,
} from "../../src/integrity/merkle-tree.js";
import { verifyConsistency, verifyInclusion } from "../../src/integrity/proof-verify.js";

const MAX = 64;
// One leaf more than the largest tree, so a claimed size of MAX + 1 has a true root of its own.
const leaves = Array.from({ length: MAX + 1 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const cache: SubtreeCache = new Map();
const roots = Array.from({ length: MAX + 2 }, (_, n) => merkleRoot(leaves, 0, n, cache));
const stranger = leafHash(Buffer.from("not in the tree"));
const same = (a: readonly Buffer[], b: readonly Buffer[]): boolean =>
  a.length === b.length && a.every((h, i) => h.equals(b[i] as Buffer));

/** Other sizes to claim instead of `s`: neighbours, halves, doubles, edges (all valid-range ints, deduplicated). */
function otherSizes(s: number, n: number): number[] {
  const c = [0, 1, s - 1, s + 1, n - 1, n + 1, 2 * s, Math.floor(s / 2), MAX + 1];
  return [...new Set(c)].filter((x) => x >= 0 && x <= MAX + 1 && x !== s);
}

/** One bit flipped in each of 4 bytes spread over the hash (first, two inner, last; bit positions vary). */
function bitFlips(h: Buffer): Buffer[] {
  const spots: [number, number][] = [
    [0, 0],
    [11, 3],
    [22, 6],
    [31, 7],
  ];
  return spots.map(([byte, bit]) => {
    const copy = Buffer.from(h);
    copy[byte] = (copy[byte] as number) ^ (1 << bit);
    return copy;
  });
}

/** Every single structural change to a path: flip bits, replace, drop, insert, duplicate, swap, truncate a hash. */
function pathMutations(path: readonly Buffer[]): Buffer[][] {
  const out: Buffer[][] = [];
  path.forEach((h, i) => {
    for (const f of bitFlips(h)) out.push(path.map((x, j) => (j === i ? f : x)));
    out.push(path.map((x, j) => (j === i ? stranger : x)));
    out.push(path.map((x, j) => (j === i ? x.subarray(0, 31) : x)));
    out.push(path.filter((_, j) => j !== i));
    out.push([...path.slice(0, i + 1), h, ...path.slice(i + 1)]);
    for (let j = i + 1; j < path.length; j++) {
      if (!path[j]?.equals(h)) {
        const swapped = [...path];
        swapped[i] = path[j] as Buffer;
        swapped[j] = h;
        out.push(swapped);
      }
    }
  });
  for (let i = 0; i <= path.length; i++) out.push([...path.slice(0, i), stranger, ...path.slice(i)]);
  return out;
}

describe("Merkle proof mutation test (trees of 1..64 leaves)", () => {
  // Generous timeouts: a few seconds alone, but CI machines may be busy.
  it("rejects every mutated inclusion proof (0 accepted)", { timeout: 120_000 }, () => {
    let tried = 0;
    const accepted: string[] = [];
    let sizeOnlyAccepted = 0;
    for (let n = 1; n <= MAX; n++) {
      const root = roots[n] as Buffer;
      for (let i = 0; i < n; i++) {
        const leaf = leaves[i] as Buffer;
        const path = inclusionProof(leaves, i, n, cache);
        expect(verifyInclusion(leaf, i, n, root, path)).toBe(true);
        const check = (what: string, ok: boolean): void => {
          tried++;
          if (ok) accepted.push(`n=${n} i=${i} ${what}`);
        };
        pathMutations(path).forEach((p, k) => check(`path#${k}`, verifyInclusion(leaf, i, n, root, p)));
        bitFlips(leaf).forEach((l, k) => check(`leaf#${k}`, verifyInclusion(l, i, n, root, path)));
        bitFlips(root).forEach((r, k) => check(`root#${k}`, verifyInclusion(leaf, i, n, r, path)));
        check("other leaf", verifyInclusion(stranger, i, n, root, path));
        // Neighbours, the sibling (i xor 1), both ends, just outside, and malformed numbers.
        const others = [
          i - 1,
          i + 1,
          i ^ 1,
          0,
          n - 1,
          n,
          n + 1,
          2 * i,
          Math.floor(i / 2),
          -1,
          0.5,
          Number.MAX_SAFE_INTEGER + 1,
        ];
        for (const j of new Set(others)) {
          if (j !== i) check(`index ${j}`, verifyInclusion(leaf, j, n, root, path));
        }
        for (const m of otherSizes(n, n)) {
          // A different size with the true root of that size (what a signed checkpoint for it would say): only
          // the genuine proof for that size may pass.
          const ok = verifyInclusion(leaf, i, m, roots[m] as Buffer, path);
          check(`size ${m} with its root`, ok && !(i < m && same(path, inclusionProof(leaves, i, m, cache))));
          // A different size with the root left unchanged: RFC 9162 binds size to root only through the signed
          // checkpoint, so this is counted apart (see the receipt mutation test, where it is always rejected).
          if (verifyInclusion(leaf, i, m, root, path)) sizeOnlyAccepted++;
        }
      }
    }
    expect(tried).toBeGreaterThan(100_000);
    expect(accepted).toEqual([]);
    console.info(
      `inclusion mutations tried: ${tried}, accepted: ${accepted.length}; size-only (unsigned) accepted: ${sizeOnlyAccepted}`,
    );
  });

  it("rejects every mutated consistency proof (0 accepted)", { timeout: 120_000 }, () => {
    let tried = 0;
    const accepted: string[] = [];
    let sizeOnlyAccepted = 0;
    for (let n = 1; n <= MAX; n++) {
      for (let m = 0; m <= n; m++) {
        const oldRoot = roots[m] as Buffer;
        const newRoot = roots[n] as Buffer;
        const path = consistencyProof(leaves, m, n, cache);
        expect(verifyConsistency(m, n, oldRoot, newRoot, path)).toBe(true);
        const check = (what: string, ok: boolean): void => {
          tried++;
          if (ok) accepted.push(`m=${m} n=${n} ${what}`);
        };
        pathMutations(path).forEach((p, k) =>
          check(`path#${k}`, verifyConsistency(m, n, oldRoot, newRoot, p)),
        );
        bitFlips(oldRoot).forEach((r, k) =>
          check(`old root#${k}`, verifyConsistency(m, n, r, newRoot, path)),
        );
        // From the empty tree every tree is consistent (RFC 9162 requires 0 < first): nothing binds the new root.
        if (m > 0)
          bitFlips(newRoot).forEach((r, k) =>
            check(`new root#${k}`, verifyConsistency(m, n, oldRoot, r, path)),
          );
        check("swapped roots", m !== n && verifyConsistency(m, n, newRoot, oldRoot, path));
        // Other sizes with the true roots of those sizes: only the genuine proof for the new pair may pass.
        const genuine = (a: number, b: number): boolean =>
          a <= b && same(path, consistencyProof(leaves, a, b, cache));
        for (const s of otherSizes(m, n)) {
          check(
            `old size ${s} with its root`,
            verifyConsistency(s, n, roots[s] as Buffer, newRoot, path) && !genuine(s, n),
          );
          if (verifyConsistency(s, n, oldRoot, newRoot, path)) sizeOnlyAccepted++;
        }
        for (const s of otherSizes(n, n)) {
          check(
            `new size ${s} with its root`,
            verifyConsistency(m, s, oldRoot, roots[s] as Buffer, path) && !genuine(m, s),
          );
          if (verifyConsistency(m, s, oldRoot, newRoot, path)) sizeOnlyAccepted++;
        }
        for (const s of [-1, 0.5, Number.MAX_SAFE_INTEGER + 1]) {
          check(`old size ${s}`, verifyConsistency(s, n, oldRoot, newRoot, path));
          check(`new size ${s}`, verifyConsistency(m, s, oldRoot, newRoot, path));
        }
      }
    }
    expect(tried).toBeGreaterThan(100_000);
    expect(accepted).toEqual([]);
    console.info(
      `consistency mutations tried: ${tried}, accepted: ${accepted.length}; size-only (unsigned) accepted: ${sizeOnlyAccepted}`,
    );
  });
});
