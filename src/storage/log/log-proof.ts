/**
 * Proofs over the stored log: inclusion and consistency proofs between signed checkpoints, and receipts a
 * partner can verify offline. Every proof is checked against the signed root before it is handed out.
 * @module
 */
import type { Kysely } from "kysely";
import { openCheckpoint } from "../../integrity/checkpoint.js";
import {
  consistencyProof,
  merkleRoot,
  inclusionProof,
  type SubtreeCache,
} from "../../integrity/merkle-tree.js";
import { verifyConsistency } from "../../integrity/proof-verify.js";
import { makeReceipt, type Receipt } from "../../integrity/receipt.js";
import type { NoteVerifier } from "../../integrity/signed-note.js";
import type { Database } from "../database.js";
import { type LogCheckpointRow } from "./log.table.js";

/** A proof request the log cannot answer, with a stable code. */
export class LogProofError extends Error {
  constructor(
    readonly code: "LEAF_NOT_FOUND" | "NOT_CHECKPOINTED" | "LOG_INCONSISTENT",
    message: string,
  ) {
    super(message);
    this.name = "LogProofError";
  }
}

async function leafHashes(db: Kysely<Database>, size: number): Promise<Buffer[]> {
  const rows = await db
    .selectFrom("log_leaves")
    .select("leaf_hash")
    .where("leaf_index", "<", size)
    .orderBy("leaf_index")
    .execute();
  return rows.map((r) => Buffer.from(r.leaf_hash, "base64"));
}

async function checkpointCovering(db: Kysely<Database>, index: number): Promise<LogCheckpointRow> {
  const cp = await db
    .selectFrom("log_checkpoints")
    .selectAll()
    .where("tree_size", ">", index)
    .orderBy("tree_size", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!cp)
    throw new LogProofError("NOT_CHECKPOINTED", `leaf #${index} is not yet covered by a signed checkpoint`);
  return cp;
}

/** The leaf index a receipt ID names: a decimal leaf index, or the latest leaf logged for a record id. */
export async function findLeaf(db: Kysely<Database>, id: string): Promise<number> {
  const t = db;
  if (/^(0|[1-9][0-9]*)$/u.test(id)) {
    const row = await t
      .selectFrom("log_leaves")
      .select("leaf_index")
      .where("leaf_index", "=", Number(id))
      .executeTakeFirst();
    if (row) return Number(row.leaf_index);
  }
  // Record keys are canonical JSON; narrow with LIKE, then compare values exactly.
  const quoted = JSON.stringify(id);
  const rows = await t
    .selectFrom("log_leaves")
    .select(["leaf_index", "record_key"])
    // `%` and `_` in an id only widen the match (they match themselves too); the exact check follows.
    .where("record_key", "like", `%${quoted}%`)
    .orderBy("leaf_index", "desc")
    .execute();
  const hit = rows.find((r) =>
    Object.values(JSON.parse(r.record_key) as Record<string, unknown>).includes(id),
  );
  if (!hit) throw new LogProofError("LEAF_NOT_FOUND", `no log leaf for ${quoted}`);
  return Number(hit.leaf_index);
}

/**
 * A receipt for leaf `index` against the newest signed checkpoint that covers it.
 * @throws LogProofError when the leaf is unknown, not yet checkpointed, or the log does not match the checkpoint.
 */
export async function logReceipt(
  db: Kysely<Database>,
  verifier: NoteVerifier,
  index: number,
): Promise<Receipt> {
  const leaf = await db
    .selectFrom("log_leaves")
    .selectAll()
    .where("leaf_index", "=", index)
    .executeTakeFirst();
  if (!leaf) throw new LogProofError("LEAF_NOT_FOUND", `no log leaf #${index}`);
  const cp = await checkpointCovering(db, index);
  const size = Number(cp.tree_size);
  const opened = openCheckpoint(cp.checkpoint, verifier);
  const hashes = await leafHashes(db, size);
  const cache: SubtreeCache = new Map();
  if (!opened || hashes.length !== size || !merkleRoot(hashes, 0, size, cache).equals(opened.root)) {
    throw new LogProofError(
      "LOG_INCONSISTENT",
      `the log does not match its checkpoint at size ${size}; run \`tocsin log verify\``,
    );
  }
  try {
    return makeReceipt({
      leafData: leaf.leaf_data,
      leafIndex: index,
      treeSize: size,
      inclusionProof: inclusionProof(hashes, index, size, cache),
      checkpoint: cp.checkpoint,
      verifier,
    });
  } catch {
    throw new LogProofError(
      "LOG_INCONSISTENT",
      `leaf #${index} does not match its stored hash; run \`tocsin log verify\``,
    );
  }
}

/** A consistency proof between two checkpointed sizes (for partners holding an older checkpoint). */
export async function logConsistency(
  db: Kysely<Database>,
  oldSize: number,
  newSize: number,
): Promise<{ oldSize: number; newSize: number; proof: string[] }> {
  const t = db;
  const rows = await t
    .selectFrom("log_checkpoints")
    .selectAll()
    .where("tree_size", "in", [oldSize, newSize])
    .execute();
  const find = (s: number) => rows.find((r) => Number(r.tree_size) === s);
  const a = oldSize === 0 ? { root_hash: merkleRoot([]).toString("base64") } : find(oldSize);
  const b = find(newSize);
  if (!a || !b || oldSize > newSize)
    throw new LogProofError("NOT_CHECKPOINTED", `no signed checkpoints at sizes ${oldSize} and ${newSize}`);
  const hashes = await leafHashes(db, newSize);
  const proof = consistencyProof(hashes, oldSize, newSize);
  if (
    !verifyConsistency(
      oldSize,
      newSize,
      Buffer.from(a.root_hash, "base64"),
      Buffer.from(b.root_hash, "base64"),
      proof,
    )
  ) {
    throw new LogProofError(
      "LOG_INCONSISTENT",
      `the log is not consistent between sizes ${oldSize} and ${newSize}; run \`tocsin log verify\``,
    );
  }
  return { oldSize, newSize, proof: proof.map((h) => h.toString("base64")) };
}

/**
 * Compare the log with a checkpoint someone else kept (exported earlier): it must verify under the log key
 * and its root must equal the root recomputed from the stored leaves at its size; otherwise history was
 * rewritten (or the checkpoint is not this log's).
 * @returns undefined when consistent, else the reason.
 */
export async function checkHeldCheckpoint(
  db: Kysely<Database>,
  verifier: NoteVerifier,
  note: string,
): Promise<string | undefined> {
  const cp = openCheckpoint(note, verifier);
  if (!cp) return "the held checkpoint is not validly signed by this log's key";
  const hashes = await leafHashes(db, cp.size);
  if (hashes.length < cp.size)
    return `the held checkpoint covers ${cp.size} leaves but the log now holds ${hashes.length}: history was truncated`;
  if (!merkleRoot(hashes, 0, cp.size).equals(cp.root))
    return `the log's first ${cp.size} leaves no longer hash to the held checkpoint's root: history was rewritten`;
  return undefined;
}
