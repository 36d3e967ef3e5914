/**
 * Merkle tree head and proof generation over a list of leaf hashes, exactly as RFC 9162 §2.1.1, §2.1.3.1
 * and §2.1.4.1 define them (MTH, PATH and SUBPROOF). Runs in O(n) hashes per call; callers that need many
 * proofs over one tree pass a {@link SubtreeCache}.
 * @module
 */
import { emptyRoot, nodeHash, splitPoint } from "./merkle-hash.js";

/** Memo of subtree roots keyed by "start:end", so repeated proofs over one tree cost O(log n) each. */
export type SubtreeCache = Map<string, Buffer>;

/**
 * MTH(D[start:end]) — the root of the leaves with indices start ≤ i < end.
 * @example merkleRoot([leafHash(Buffer.from("a"))]) // the leaf hash itself
 */
export function merkleRoot(
  leaves: readonly Buffer[],
  start = 0,
  end = leaves.length,
  cache?: SubtreeCache,
): Buffer {
  if (start < 0 || end > leaves.length || start > end) {
    throw new RangeError(`merkleRoot: range ${start}..${end} outside 0..${leaves.length}`);
  }
  const n = end - start;
  if (n === 0) return emptyRoot();
  if (n === 1) return leaves[start] as Buffer;
  const key = `${start}:${end}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const k = splitPoint(n);
  const root = nodeHash(
    merkleRoot(leaves, start, start + k, cache),
    merkleRoot(leaves, start + k, end, cache),
  );
  cache?.set(key, root);
  return root;
}

/**
 * PATH(m, D[0:n]) — the inclusion proof of leaf `index` in the tree of the first `treeSize` leaves.
 * @example inclusionProof(leaves, 0, 2) // [leaves[1]]
 */
export function inclusionProof(
  leaves: readonly Buffer[],
  index: number,
  treeSize: number,
  cache?: SubtreeCache,
): Buffer[] {
  if (
    !Number.isSafeInteger(index) ||
    !Number.isSafeInteger(treeSize) ||
    index < 0 ||
    index >= treeSize ||
    treeSize > leaves.length
  ) {
    throw new RangeError(
      `inclusionProof: index ${index} not in a tree of ${treeSize} (of ${leaves.length} leaves)`,
    );
  }
  const path: Buffer[] = [];
  // Iterative form of PATH: walk down from the root, collecting the sibling at each split, then reverse
  // (the recursion appends siblings on the way back up).
  let start = 0;
  let end = treeSize;
  let m = index;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      path.push(merkleRoot(leaves, start + k, end, cache));
      end = start + k;
    } else {
      path.push(merkleRoot(leaves, start, start + k, cache));
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

/**
 * PROOF(m, D[0:n]) — the consistency proof between the tree of the first `oldSize` leaves and the tree of
 * the first `newSize` leaves (empty when oldSize is 0 or equal to newSize, as RFC 9162 §2.1.4.1 implies).
 */
export function consistencyProof(
  leaves: readonly Buffer[],
  oldSize: number,
  newSize: number,
  cache?: SubtreeCache,
): Buffer[] {
  if (
    !Number.isSafeInteger(oldSize) ||
    !Number.isSafeInteger(newSize) ||
    oldSize < 0 ||
    oldSize > newSize ||
    newSize > leaves.length
  ) {
    throw new RangeError(`consistencyProof: sizes ${oldSize}→${newSize} invalid for ${leaves.length} leaves`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  return subproof(leaves, oldSize, 0, newSize, true, cache);
}

/** SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, with m relative to `start`. */
function subproof(
  leaves: readonly Buffer[],
  m: number,
  start: number,
  end: number,
  complete: boolean,
  cache?: SubtreeCache,
): Buffer[] {
  const n = end - start;
  if (m === n) return complete ? [] : [merkleRoot(leaves, start, end, cache)];
  const k = splitPoint(n);
  if (m <= k) {
    return [
      ...subproof(leaves, m, start, start + k, complete, cache),
      merkleRoot(leaves, start + k, end, cache),
    ];
  }
  return [
    ...subproof(leaves, m - k, start + k, end, false, cache),
    merkleRoot(leaves, start, start + k, cache),
  ];
}
