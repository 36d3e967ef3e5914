#!/usr/bin/env node
// Verify a Tocsin log receipt offline, with Node.js alone (no dependencies): the signed checkpoint
// (C2SP tlog-checkpoint + signed-note, Ed25519), the leaf hash and the RFC 9162 inclusion proof.
//
// Usage: node verify-receipt.mjs RECEIPT.json [--key VERIFIER_KEY] [--origin ORIGIN]
//   --key     the log's verifier key (name+id+base64) you obtained from the log operator out of band;
//             without it the key inside the receipt is used, which proves integrity but not origin.
//   --origin  the log origin you expect on the checkpoint's first line.
// Exit code: 0 the receipt verifies, 1 it does not (each reason on stderr), 2 bad usage or unreadable file.
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const sha256 = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};
const strictB64 = (s) => {
  if (typeof s !== "string") return undefined;
  const b = Buffer.from(s, "base64");
  return b.toString("base64") === s ? b : undefined;
};
const keyId = (name, pub) => sha256(Buffer.from(name, "utf8"), Buffer.of(0x0a, 0x01), pub).subarray(0, 4);

/** RFC 9162 §2.1.3.2, step by step. */
function verifyInclusion(leafHash, index, size, root, proof) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if ([leafHash, root, ...proof].some((h) => !h || h.length !== 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.of(1), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = sha256(Buffer.of(1), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** Parse `name+hexid+base64(0x01||key)`; undefined when malformed or the id does not match. */
function parseVerifierKey(text) {
  // The base64 key may itself hold '+': split off the name and the id only.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/u.exec(String(text).trim());
  const raw = m ? strictB64(m[3]) : undefined;
  if (!m || !raw || raw.length !== 33 || raw[0] !== 1) return undefined;
  const pub = raw.subarray(1);
  return keyId(m[1], pub).toString("hex") === m[2] ? { name: m[1], pub } : undefined;
}

/** Returns every reason the receipt fails (empty list: it verifies). */
export function checkReceipt(receipt, pinnedKey, origin) {
  const problems = [];
  if (receipt?.format !== "tocsin-receipt/v1") problems.push("unknown receipt format");
  if (pinnedKey !== undefined && pinnedKey.trim() !== receipt?.publicKey)
    problems.push("public key differs from the pinned key");
  const key = parseVerifierKey(pinnedKey ?? receipt?.publicKey);
  if (!key) return [...problems, "public key is malformed"];
  const note = String(receipt.checkpoint ?? "");
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) return [...problems, "checkpoint is not a signed note"];
  const text = note.slice(0, split + 1);
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), key.pub]);
  const publicKey = createPublicKey({ key: spki, format: "der", type: "spki" });
  let signed = false;
  for (const line of note.slice(split + 2, -1).split("\n")) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    const blob = m ? strictB64(m[2]) : undefined;
    if (!m || !blob || blob.length !== 68) return [...problems, "checkpoint signature line is malformed"];
    if (m[1] === key.name && blob.subarray(0, 4).equals(keyId(key.name, key.pub))) {
      signed ||= verify(null, Buffer.from(text, "utf8"), publicKey, blob.subarray(4));
    }
  }
  if (!signed) return [...problems, "checkpoint is not validly signed by the log key"];
  const lines = text.split("\n");
  const root = strictB64(lines[2]);
  if (lines.length < 4 || !/^(0|[1-9][0-9]*)$/u.test(lines[1]) || !root || root.length !== 32) {
    return [...problems, "checkpoint body is malformed"];
  }
  if (origin !== undefined && lines[0] !== origin) problems.push(`checkpoint origin is not ${origin}`);
  const size = Number(lines[1]);
  if (size !== receipt.treeSize) problems.push("tree size differs from the checkpoint's");
  const leaf = sha256(Buffer.of(0), Buffer.from(String(receipt.leafData), "utf8"));
  if (leaf.toString("base64") !== receipt.leafHash) problems.push("leaf hash does not match the leaf data");
  const proof = Array.isArray(receipt.inclusionProof) ? receipt.inclusionProof.map(strictB64) : [undefined];
  if (!verifyInclusion(leaf, receipt.leafIndex, size, root, proof))
    problems.push("inclusion proof does not verify");
  return problems;
}

function main(argv) {
  const args = argv.slice(2);
  let file;
  let pinned;
  let origin;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--key") pinned = args[++i];
    else if (args[i] === "--origin") origin = args[++i];
    else if (file === undefined && !args[i].startsWith("--")) file = args[i];
    else return usage(`unexpected argument ${args[i]}`);
  }
  if (file === undefined || (args.includes("--key") && !pinned) || (args.includes("--origin") && !origin))
    return usage("missing argument");
  let receipt;
  try {
    receipt = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    process.stderr.write(`verify-receipt: cannot read ${file}: ${e.message}\n`);
    return 2;
  }
  const problems = checkReceipt(receipt, pinned, origin);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`verify-receipt: FAIL: ${p}\n`);
    return 1;
  }
  process.stdout.write(
    `OK: leaf ${receipt.leafIndex} is in the log of ${receipt.treeSize} entries signed by ${receipt.publicKey.split("+")[0]}\n`,
  );
  return 0;
}

function usage(why) {
  process.stderr.write(
    `verify-receipt: ${why}\nusage: node verify-receipt.mjs RECEIPT.json [--key VERIFIER_KEY] [--origin ORIGIN]\n`,
  );
  return 2;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]))
  process.exitCode = main(process.argv);
