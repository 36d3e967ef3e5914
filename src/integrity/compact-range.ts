/**
 * A compact range: the roots of the perfect subtrees that make up a tree of n leaves (at most log2(n)+1
 * hashes). Appending a leaf and computing MTH cost O(log n), so a log of millions of entries can be
 * checkpointed without rereading every leaf. Same roots as {@link merkleRoot} (RFC 9162 §2.1.1).
 * @module
 */
import { emptyRoot, nodeHash } from "./merkle-hash.js";

/** The state: tree size and the subtree roots, largest (leftmost) first. Plain JSON when base64-encoded. */
export interface CompactRange {
  readonly size: number;
  readonly hashes: readonly Buffer[];
}

/** The range of the empty tree. */
export const EMPTY_RANGE: CompactRange = { size: 0, hashes: [] };

/**
 * The range after appending one leaf hash: merge equal-sized subtrees like a binary counter increment.
 * @example rangeRoot(appendLeaf(EMPTY_RANGE, h)) // h
 */
export function appendLeaf(range: CompactRange, leaf: Buffer): CompactRange {
  const hashes = [...range.hashes];
  let carry = leaf;
  // Each trailing 1 bit of the old size is a perfect subtree that the new leaf completes.
  let size = range.size;
  while (size % 2 === 1) {
    carry = nodeHash(hashes.pop() as Buffer, carry);
    size = Math.floor(size / 2);
  }
  hashes.push(carry);
  return { size: range.size + 1, hashes };
}

/** MTH of the range: fold the subtree roots from the right (the smaller subtrees hang off the right). */
export function rangeRoot(range: CompactRange): Buffer {
  if (range.hashes.length === 0) return emptyRoot();
  let root = range.hashes[range.hashes.length - 1] as Buffer;
  for (let i = range.hashes.length - 2; i >= 0; i--) root = nodeHash(range.hashes[i] as Buffer, root);
  return root;
}

/** The range encoded as JSON-safe strings, for storing beside a checkpoint. */
export function encodeRange(range: CompactRange): { size: number; hashes: string[] } {
  return { size: range.size, hashes: range.hashes.map((h) => h.toString("base64")) };
}

/** Inverse of {@link encodeRange}; throws a RangeError naming the function when the shape is wrong. */
export function decodeRange(value: { size: number; hashes: readonly string[] }): CompactRange {
  const hashes = value.hashes.map((h) => Buffer.from(h, "base64"));
  let bits = 0;
  for (let s = value.size; s > 0; s = Math.floor(s / 2)) bits += s % 2;
  if (
    !Number.isSafeInteger(value.size) ||
    value.size < 0 ||
    bits !== hashes.length ||
    hashes.some((h) => h.length !== 32)
  ) {
    throw new RangeError(`decodeRange: ${hashes.length} hashes cannot describe a tree of ${value.size}`);
  }
  return { size: value.size, hashes };
}
