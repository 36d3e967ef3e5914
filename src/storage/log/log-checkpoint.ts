/**
 * Signing checkpoints of the log: after a batch of writes the caller (CLI, server) signs the new tree head
 * with the install's Ed25519 key. Only the leaves added since the last checkpoint are hashed (compact range).
 * @module
 */
import type { Kysely } from "kysely";
import { signCheckpoint } from "../../integrity/checkpoint.js";
import {
  appendLeaf,
  decodeRange,
  EMPTY_RANGE,
  encodeRange,
  rangeRoot,
  type CompactRange,
} from "../../integrity/compact-range.js";
import type { NoteSigner } from "../../integrity/signed-note.js";
import type { Database } from "../database.js";
import { type LogCheckpointRow } from "./log.table.js";

/** Leaves read per query when signing. */
const LEAF_PAGE = 10_000;

/** The newest checkpoint, or undefined for a log never checkpointed. */
export async function latestCheckpoint(db: Kysely<Database>): Promise<LogCheckpointRow | undefined> {
  return db
    .selectFrom("log_checkpoints")
    .selectAll()
    .orderBy("tree_size", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Sign a checkpoint over every leaf now in the log, if any was added since the last one.
 * @example await checkpointLog(store.db, signer, "tocsin.example.org/log")
 * @returns the stored checkpoint (the previous one when nothing was added).
 */
export async function checkpointLog(
  db: Kysely<Database>,
  signer: NoteSigner,
  origin: string,
  now = new Date(),
): Promise<LogCheckpointRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const t = trx;
    const last = await t
      .selectFrom("log_checkpoints")
      .selectAll()
      .orderBy("tree_size", "desc")
      .limit(1)
      .executeTakeFirst();
    let range: CompactRange = last
      ? decodeRange(JSON.parse(last.compact_range) as { size: number; hashes: string[] })
      : EMPTY_RANGE;
    // A page of leaves at a time: an import of a million records adds a million leaves, and holding them all
    // at once was most of the import's peak memory.
    const start = range.size;
    for (;;) {
      const leaves = await t
        .selectFrom("log_leaves")
        .select(["leaf_index", "leaf_hash"])
        .where("leaf_index", ">=", range.size)
        .orderBy("leaf_index")
        .limit(LEAF_PAGE)
        .execute();
      for (const l of leaves) {
        if (Number(l.leaf_index) !== range.size)
          throw new RangeError(`checkpointLog: leaf ${range.size} is missing; run \`tocsin log verify\``);
        range = appendLeaf(range, Buffer.from(l.leaf_hash, "base64"));
      }
      if (leaves.length < LEAF_PAGE) break;
    }
    if (range.size === start && last) return last;
    const root = rangeRoot(range);
    const row: LogCheckpointRow = {
      tree_size: range.size,
      root_hash: root.toString("base64"),
      checkpoint: signCheckpoint({ origin, size: range.size, root }, signer),
      compact_range: JSON.stringify(encodeRange(range)),
      created_at: now.toISOString(),
    };
    await t.insertInto("log_checkpoints").values(row).execute();
    return row;
  });
}
