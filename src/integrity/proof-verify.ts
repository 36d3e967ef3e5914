/**
 * Verification of inclusion and consistency proofs, step for step as RFC 9162 §2.1.3.2 and §2.1.4.2 write
 * them (with the trivial cases of an empty or unchanged tree made explicit). Never throws on hostile input:
 * any malformed proof is simply not valid.
 * @module
 */
import { emptyRoot, HASH_SIZE, nodeHash, sameHash } from "./merkle-hash.js";

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function allHashes(hs: readonly Uint8Array[]): boolean {
  return hs.every((h) => h instanceof Uint8Array && h.length === HASH_SIZE);
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * True when `proof` proves that the leaf with hash `leafHash` sits at `index` in the tree of `treeSize`
 * leaves whose root is `root` (RFC 9162 §2.1.3.2).
 * @example verifyInclusion(h, 0, 1, h, []) // true
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  root: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(index) || !isSize(treeSize) || !allHashes([leafHash, root, ...proof])) return false;
  // 1. leaf_index must be inside the tree.
  if (index >= treeSize) return false;
  // 2.–3.
  let fn = index;
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash;
  // 4.
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  return sn === 0 && sameHash(r, root);
}

/**
 * True when `proof` proves that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of
 * `newSize` leaves with root `newRoot` (RFC 9162 §2.1.4.2).
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || !allHashes([oldRoot, newRoot, ...proof])) return false;
  if (oldSize > newSize) return false;
  // The empty tree is a prefix of every tree; its root is fixed, and there is nothing to prove.
  if (oldSize === 0) return proof.length === 0 && sameHash(oldRoot, emptyRoot());
  // Equal sizes: the roots must be equal and the proof empty.
  if (oldSize === newSize) return proof.length === 0 && sameHash(oldRoot, newRoot);
  // 1. 0 < first < second: an empty proof proves nothing.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path: readonly Uint8Array[] = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // 3.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Uint8Array = path[0] as Uint8Array;
  let sr: Uint8Array = path[0] as Uint8Array;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sameHash(fr, oldRoot) && sameHash(sr, newRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  let x = n;
  while (x > 1) {
    if (isOdd(x)) return false;
    x = half(x);
  }
  return x === 1;
}
