/**
 * The two hash functions of an RFC 9162 (Certificate Transparency v2) Merkle tree, with domain separation
 * so a leaf can never be mistaken for an interior node (second-preimage resistance, RFC 9162 §2.1.1).
 * @module
 */
import { createHash } from "node:crypto";

/** Length in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

/**
 * Hash of a leaf: SHA-256(0x00 || data).
 * @example leafHash(Buffer.from("a")).toString("base64") // "Aippeebat6pa5MPl5F9+l3ESp+Y1k4INvsHsc4ok+Tw="
 */
export function leafHash(data: Uint8Array): Buffer {
  return createHash("sha256").update(Buffer.of(0)).update(data).digest();
}

/** Hash of an interior node: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash("sha256").update(Buffer.of(1)).update(left).update(right).digest();
}

/** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1, MTH({})). */
export function emptyRoot(): Buffer {
  return createHash("sha256").digest();
}

/** Constant-length byte comparison; hashes are public so plain comparison is enough, but lengths must match. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** The largest power of two strictly smaller than `n` (n ≥ 2): the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
