/**
 * Receipts: a self-contained proof that one log entry is in the log, which a partner can verify offline
 * with `scripts/verify-receipt.mjs` (no dependencies) or {@link verifyReceipt}. A receipt holds the leaf
 * data, its index, the tree size, the inclusion proof, the signed checkpoint and the log's public key.
 * @module
 */
import { openCheckpoint } from "./checkpoint.js";
import { leafHash } from "./merkle-hash.js";
import { verifyInclusion } from "./proof-verify.js";
import { decodeVerifierKey, encodeVerifierKey, type NoteVerifier } from "./signed-note.js";

/** The format tag of version 1 receipts. */
export const RECEIPT_FORMAT = "tocsin-receipt/v1";

/** A receipt as plain JSON. */
export interface Receipt {
  readonly format: typeof RECEIPT_FORMAT;
  /** The leaf data exactly as hashed (UTF-8 text: a canonical JSON log entry). */
  readonly leafData: string;
  /** base64 SHA-256(0x00 || leafData). */
  readonly leafHash: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  /** base64 hashes, RFC 9162 §2.1.3.1 order. */
  readonly inclusionProof: readonly string[];
  /** The signed checkpoint (C2SP tlog-checkpoint) whose size is `treeSize`. */
  readonly checkpoint: string;
  /** The log's verifier key, `name+id+base64(0x01||key)`. Partners should pin it rather than trust this copy. */
  readonly publicKey: string;
}

/** What {@link makeReceipt} needs. */
export interface ReceiptInput {
  readonly leafData: string;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly inclusionProof: readonly Buffer[];
  readonly checkpoint: string;
  readonly verifier: NoteVerifier;
}

/**
 * Build a receipt (and check it, so no invalid receipt ever leaves the log).
 * @example makeReceipt({ leafData, leafIndex: 3, treeSize: 10, inclusionProof, checkpoint, verifier })
 */
export function makeReceipt(input: ReceiptInput): Receipt {
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    leafData: input.leafData,
    leafHash: leafHash(Buffer.from(input.leafData, "utf8")).toString("base64"),
    leafIndex: input.leafIndex,
    treeSize: input.treeSize,
    inclusionProof: input.inclusionProof.map((h) => h.toString("base64")),
    checkpoint: input.checkpoint,
    publicKey: encodeVerifierKey(input.verifier),
  };
  const problems = verifyReceipt(receipt);
  if (problems.length > 0)
    throw new RangeError(`makeReceipt: the receipt does not verify: ${problems.join("; ")}`);
  return receipt;
}

/**
 * Every reason the receipt does not verify (empty when it does). `pinnedKey` is the verifier key the
 * partner trusts; without it the receipt's own key is used, which proves consistency, not origin.
 */
export function verifyReceipt(receipt: Receipt, pinnedKey?: string, origin?: string): string[] {
  const problems: string[] = [];
  if (receipt.format !== RECEIPT_FORMAT) problems.push(`unknown format ${String(receipt.format)}`);
  if (pinnedKey !== undefined && pinnedKey.trim() !== receipt.publicKey)
    problems.push("public key differs from the pinned key");
  const verifier = decodeVerifierKey(pinnedKey ?? receipt.publicKey);
  if (!verifier) return [...problems, "public key is malformed"];
  const cp =
    typeof receipt.checkpoint === "string" ? openCheckpoint(receipt.checkpoint, verifier, origin) : undefined;
  if (!cp) return [...problems, "checkpoint signature or format does not verify"];
  if (cp.size !== receipt.treeSize)
    problems.push(`tree size ${receipt.treeSize} differs from the checkpoint's ${cp.size}`);
  const hash = leafHash(Buffer.from(String(receipt.leafData), "utf8"));
  if (hash.toString("base64") !== receipt.leafHash) problems.push("leaf hash does not match the leaf data");
  const proof = Array.isArray(receipt.inclusionProof)
    ? receipt.inclusionProof.map((h) => strictBase64(String(h)))
    : [];
  if (proof.some((h) => h === undefined))
    problems.push("inclusion proof holds a hash that is not canonical base64");
  else if (!verifyInclusion(hash, receipt.leafIndex, cp.size, cp.root, proof as Buffer[]))
    problems.push("inclusion proof does not verify against the checkpoint root");
  return problems;
}

/** Decode base64 only when it is in canonical form, so two spellings of one hash cannot both pass. */
function strictBase64(text: string): Buffer | undefined {
  const b = Buffer.from(text, "base64");
  return b.toString("base64") === text ? b : undefined;
}
