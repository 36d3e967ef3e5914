// The standalone offline verifier (scripts/verify-receipt.mjs) run as a partner would: a separate node process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { signCheckpoint } from "../../src/integrity/checkpoint.js";
import { leafHash } from "../../src/integrity/merkle-hash.js";
import { inclusionProof, merkleRoot } from "../../src/integrity/merkle-tree.js";
import { makeReceipt } from "../../src/integrity/receipt.js";
import { encodeVerifierKey, signerFromSeed } from "../../src/integrity/signed-note.js";

const script = fileURLToPath(new URL("../../scripts/verify-receipt.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tocsin-receipt-"));
const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 9));
const data = Array.from({ length: 11 }, (_, i) => JSON.stringify({ action: "create", id: `r${i}` }));
const leaves = data.map((d) => leafHash(Buffer.from(d)));
const checkpoint = signCheckpoint({ origin: "tocsin.test/log", size: 11, root: merkleRoot(leaves) }, signer);
const receipt = makeReceipt({
  leafData: data[6] as string,
  leafIndex: 6,
  treeSize: 11,
  inclusionProof: inclusionProof(leaves, 6, 11),
  checkpoint,
  verifier: signer,
});

function run(value: unknown, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  const r = spawnSync(process.execPath, [script, file, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("scripts/verify-receipt.mjs", () => {
  it("accepts a valid receipt (exit 0), also with the pinned key and origin", () => {
    expect(run(receipt)).toMatchObject({
      status: 0,
      stdout: "OK: leaf 6 is in the log of 11 entries signed by tocsin.test/log\n",
    });
    expect(run(receipt, "--key", encodeVerifierKey(signer), "--origin", "tocsin.test/log").status).toBe(0);
  });

  it("rejects tampered receipts (exit 1) and says why", () => {
    const tampered = run({ ...receipt, leafData: data[6]?.replace("r6", "r7") });
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain("leaf hash does not match the leaf data");
    expect(
      run({ ...receipt, checkpoint: receipt.checkpoint.replace("\n11\n", "\n12\n"), treeSize: 12 }).stderr,
    ).toContain("not validly signed");
    expect(run({ ...receipt, leafIndex: 5 }).stderr).toContain("inclusion proof does not verify");
    const other = encodeVerifierKey(signerFromSeed("tocsin.test/log", Buffer.alloc(32, 8)));
    expect(run(receipt, "--key", other).status).toBe(1);
    expect(run(receipt, "--origin", "elsewhere").status).toBe(1);
  });

  it("exits 2 on bad usage or an unreadable file", () => {
    expect(run("not json").status).toBe(2);
    expect(spawnSync(process.execPath, [script], { encoding: "utf8" }).status).toBe(2);
  });
});
