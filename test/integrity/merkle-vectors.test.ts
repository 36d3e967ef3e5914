// Known-answer tests: every C2SP CCTV Merkle vector (test/fixtures/merkle-vectors/, BSD-2-Clause, licence beside
// them) accepted or rejected as marked.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appendLeaf, EMPTY_RANGE, rangeRoot } from "../../src/integrity/compact-range.js";
import { leafHash } from "../../src/integrity/merkle-hash.js";
import { consistencyProof, inclusionProof, merkleRoot } from "../../src/integrity/merkle-tree.js";
import { verifyConsistency, verifyInclusion } from "../../src/integrity/proof-verify.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const dir = resolve(repoRoot, "test/fixtures/merkle-vectors");

const b64 = (s: string): Buffer => Buffer.from(s, "base64");
function load<T>(name: string): T[] {
  return JSON.parse(readFileSync(resolve(dir, name), "utf8")) as T[];
}
interface TreeVector {
  leaf_data: string;
  leaf_hash: string;
  root_hash: string;
}
interface InclusionVector {
  leaf_hash: string;
  leaf_index: number;
  tree_size: number;
  root_hash: string;
  inclusion_path: string[];
  comment?: string;
}
interface ConsistencyVector {
  old_size: number;
  new_size: number;
  old_root: string;
  new_root: string;
  consistency_path: string[];
  comment?: string;
}

describe("RFC 9162 Merkle tree against the CCTV vectors", () => {
  const tree = load<TreeVector>("merkle_tree.json");
  const leaves = tree.map((v) => b64(v.leaf_hash));

  it("reproduces every leaf hash and every root after each append", () => {
    expect(tree.length).toBe(16);
    let range = EMPTY_RANGE;
    tree.forEach((v, i) => {
      expect(leafHash(Buffer.from(v.leaf_data)).toString("base64")).toBe(v.leaf_hash);
      expect(merkleRoot(leaves, 0, i + 1).toString("base64")).toBe(v.root_hash);
      range = appendLeaf(range, b64(v.leaf_hash));
      expect(rangeRoot(range).toString("base64")).toBe(v.root_hash);
    });
  });

  it("accepts every valid inclusion vector and generates the same path", () => {
    const valid = load<InclusionVector>("inclusion-valid.json");
    expect(valid.length).toBeGreaterThan(0);
    for (const v of valid) {
      expect(
        verifyInclusion(
          b64(v.leaf_hash),
          v.leaf_index,
          v.tree_size,
          b64(v.root_hash),
          v.inclusion_path.map(b64),
        ),
      ).toBe(true);
      expect(inclusionProof(leaves, v.leaf_index, v.tree_size).map((h) => h.toString("base64"))).toEqual(
        v.inclusion_path,
      );
    }
  });

  it("rejects every invalid inclusion vector", () => {
    const invalid = load<InclusionVector>("inclusion-invalid.json");
    expect(invalid.length).toBeGreaterThan(0);
    const accepted = invalid.filter((v) =>
      verifyInclusion(
        b64(v.leaf_hash),
        v.leaf_index,
        v.tree_size,
        b64(v.root_hash),
        v.inclusion_path.map(b64),
      ),
    );
    expect(accepted).toEqual([]);
  });

  it("accepts every valid consistency vector and generates the same path", () => {
    const valid = load<ConsistencyVector>("consistency-valid.json");
    expect(valid.length).toBeGreaterThan(0);
    for (const v of valid) {
      expect(
        verifyConsistency(
          v.old_size,
          v.new_size,
          b64(v.old_root),
          b64(v.new_root),
          v.consistency_path.map(b64),
        ),
      ).toBe(true);
      expect(consistencyProof(leaves, v.old_size, v.new_size).map((h) => h.toString("base64"))).toEqual(
        v.consistency_path,
      );
    }
  });

  it("rejects every invalid consistency vector", () => {
    const invalid = load<ConsistencyVector>("consistency-invalid.json");
    expect(invalid.length).toBeGreaterThan(0);
    const accepted = invalid.filter((v) =>
      verifyConsistency(
        v.old_size,
        v.new_size,
        b64(v.old_root),
        b64(v.new_root),
        v.consistency_path.map(b64),
      ),
    );
    expect(accepted).toEqual([]);
  });
});
