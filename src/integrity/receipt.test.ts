import { describe, expect, it } from "vitest";
import { signCheckpoint } from "./checkpoint.js";
import { leafHash } from "./merkle-hash.js";
import { inclusionProof, merkleRoot } from "./merkle-tree.js";
import { makeReceipt, verifyReceipt, type Receipt } from "./receipt.js";
import { encodeVerifierKey, signerFromSeed } from "./signed-note.js";

const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 3));
const data = ['{"n":0}', '{"n":1}', '{"n":2}', '{"n":3}', '{"n":4}'];
const leaves = data.map((d) => leafHash(Buffer.from(d)));
const checkpoint = signCheckpoint({ origin: "tocsin.test/log", size: 5, root: merkleRoot(leaves) }, signer);
const receipt = makeReceipt({
  leafData: data[3] as string,
  leafIndex: 3,
  treeSize: 5,
  inclusionProof: inclusionProof(leaves, 3, 5),
  checkpoint,
  verifier: signer,
});

describe("receipts", () => {
  it("holds everything needed to verify offline, and verifies", () => {
    expect(receipt).toMatchObject({
      format: "tocsin-receipt/v1",
      leafData: '{"n":3}',
      leafIndex: 3,
      treeSize: 5,
      publicKey: encodeVerifierKey(signer),
    });
    expect(verifyReceipt(receipt)).toEqual([]);
    expect(verifyReceipt(receipt, encodeVerifierKey(signer), "tocsin.test/log")).toEqual([]);
  });

  it("names what is wrong with a tampered receipt", () => {
    expect(verifyReceipt({ ...receipt, leafData: '{"n":9}' })).toContain(
      "leaf hash does not match the leaf data",
    );
    expect(verifyReceipt({ ...receipt, treeSize: 6 })).toContain(
      "tree size 6 differs from the checkpoint's 5",
    );
    expect(verifyReceipt({ ...receipt, leafIndex: 2 })).toContain(
      "inclusion proof does not verify against the checkpoint root",
    );
    expect(
      verifyReceipt(receipt, encodeVerifierKey(signerFromSeed("tocsin.test/log", Buffer.alloc(32, 4)))),
    ).toContain("checkpoint signature or format does not verify");
    expect(verifyReceipt(receipt, undefined, "elsewhere/log")).toEqual([
      "checkpoint signature or format does not verify",
    ]);
    expect(verifyReceipt({ ...receipt, publicKey: "" })).toEqual(["public key is malformed"]);
  });

  it("refuses to make a receipt that does not verify", () => {
    expect(() =>
      makeReceipt({
        leafData: "x",
        leafIndex: 0,
        treeSize: 5,
        inclusionProof: [],
        checkpoint,
        verifier: signer,
      }),
    ).toThrow(/makeReceipt/);
  });

  it("rejects every single-character change to any field (0 accepted)", () => {
    let tried = 0;
    let accepted = 0;
    const fields = ["leafData", "leafHash", "checkpoint", "publicKey"] as const;
    const mutate = (s: string, i: number): string =>
      s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
    for (const f of fields) {
      const v = receipt[f];
      for (let i = 0; i < v.length; i++) {
        const m: Receipt = { ...receipt, [f]: mutate(v, i) };
        tried++;
        if (verifyReceipt(m).length === 0) accepted++;
      }
    }
    receipt.inclusionProof.forEach((h, k) => {
      for (let i = 0; i < h.length; i++) {
        tried++;
        const proof = receipt.inclusionProof.map((x, j) => (j === k ? mutate(h, i) : x));
        if (verifyReceipt({ ...receipt, inclusionProof: proof }).length === 0) accepted++;
      }
    });
    for (const n of [0, 1, 2, 4, 5, 6, -1]) {
      tried += 2;
      if (n !== 5 && verifyReceipt({ ...receipt, treeSize: n }).length === 0) accepted++;
      if (n !== 3 && verifyReceipt({ ...receipt, leafIndex: n }).length === 0) accepted++;
    }
    expect(tried).toBeGreaterThan(400);
    expect(accepted).toBe(0);
  });
});
