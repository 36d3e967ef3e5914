/**
 * `tocsin log verify`: recompute everything the log vouches for and name each thing that does not match —
 * a leaf whose hash is not that of its data, a missing leaf, a checkpoint whose root or signature is wrong,
 * a truncated log, and every row changed, deleted, resurrected or added behind the log's back.
 * Never throws on tampered data: it returns a report.
 * @module
 */
import type { Kysely } from "kysely";
import { openCheckpoint } from "../../integrity/checkpoint.js";
import { appendLeaf, EMPTY_RANGE, rangeRoot, type CompactRange } from "../../integrity/compact-range.js";
import { leafHash } from "../../integrity/merkle-hash.js";
import type { NoteVerifier } from "../../integrity/signed-note.js";
import type { Database } from "../database.js";
import type { LeafData } from "./log-append.js";
import { keyText, tableContentHashes, type RowKey } from "./logged-content.js";

export const LOG_PROBLEM_CODES = [
  "LEAF_ALTERED",
  "LEAF_MISSING",
  "CHECKPOINT_ROOT_MISMATCH",
  "CHECKPOINT_SIGNATURE_INVALID",
  "LOG_TRUNCATED",
  "ROW_CHANGED",
  "ROW_MISSING",
  "ROW_RESURRECTED",
  "ROW_UNLOGGED",
] as const;
export type LogProblemCode = (typeof LOG_PROBLEM_CODES)[number];

/** One finding: a stable code, the item it names (`log leaf #12`, `incidents:case-1/inc-3`), and why. */
export interface LogProblem {
  readonly code: LogProblemCode;
  readonly item: string;
  readonly message: string;
}

/** The result of a verification. `ok` is true when there is no problem (warnings do not count). */
export interface LogVerifyReport {
  readonly ok: boolean;
  readonly leaves: number;
  readonly checkpoints: number;
  readonly rowsChecked: number;
  readonly signaturesChecked: boolean;
  readonly problems: readonly LogProblem[];
  readonly warnings: readonly string[];
}

/** How a log row is named in messages: table, then the key's values. Key values are ids, never identities. */
export function itemName(table: string, key: RowKey): string {
  return `${table}:${Object.values(key).map(String).join("/")}`;
}

function parseLeaf(text: string): LeafData | undefined {
  try {
    const v = JSON.parse(text) as LeafData;
    return v && v.v === 1 && typeof v.table === "string" && v.key && typeof v.key === "object"
      ? v
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verify the log of the store against its rows and (with `verifier`) the checkpoint signatures.
 * @example const report = await verifyLog(store.db, loadLogKey(path)); report.problems
 */
export async function verifyLog(db: Kysely<Database>, verifier?: NoteVerifier): Promise<LogVerifyReport> {
  const t = db;
  const problems: LogProblem[] = [];
  const warnings: string[] = [];
  const leaves = await t.selectFrom("log_leaves").selectAll().orderBy("leaf_index").execute();
  const checkpoints = await t.selectFrom("log_checkpoints").selectAll().orderBy("tree_size").execute();

  // 1. Leaves: contiguous, each hash that of its data, the lookup columns equal to the data.
  const state = new Map<string, { table: string; key: RowKey; data: LeafData; index: number }>();
  const hashes: Buffer[] = [];
  let expected = 0;
  for (const leaf of leaves) {
    const index = Number(leaf.leaf_index);
    for (; expected < index; expected++) {
      problems.push({
        code: "LEAF_MISSING",
        item: `log leaf #${expected}`,
        message: "the leaf was deleted from the log",
      });
      hashes.push(Buffer.alloc(32));
    }
    expected = index + 1;
    const item = `log leaf #${index}`;
    hashes.push(Buffer.from(leaf.leaf_hash, "base64"));
    if (leafHash(Buffer.from(leaf.leaf_data, "utf8")).toString("base64") !== leaf.leaf_hash) {
      problems.push({
        code: "LEAF_ALTERED",
        item,
        message: "the leaf's data does not hash to its stored leaf hash",
      });
    }
    const data = parseLeaf(leaf.leaf_data);
    if (!data) {
      problems.push({ code: "LEAF_ALTERED", item, message: "the leaf's data is not a log entry" });
      continue;
    }
    if (
      data.action !== leaf.action ||
      data.table !== leaf.table_name ||
      keyText(data.key) !== leaf.record_key ||
      data.at !== leaf.logged_at
    ) {
      problems.push({
        code: "LEAF_ALTERED",
        item,
        message: "the leaf's columns disagree with its hashed data",
      });
    }
    if (data.action !== "import-batch")
      state.set(`${data.table}\u0000${keyText(data.key)}`, { table: data.table, key: data.key, data, index });
  }

  // 2. Checkpoints: each root recomputed from the leaf hashes, each signature checked.
  let range: CompactRange = EMPTY_RANGE;
  let previous = 0;
  for (const cp of checkpoints) {
    const size = Number(cp.tree_size);
    const item = `checkpoint at size ${size}`;
    if (verifier) {
      const opened = openCheckpoint(cp.checkpoint, verifier);
      if (!opened || opened.size !== size || opened.root.toString("base64") !== cp.root_hash) {
        problems.push({
          code: "CHECKPOINT_SIGNATURE_INVALID",
          item,
          message: "the checkpoint is not validly signed by the log key for this size and root",
        });
      }
    }
    if (size > hashes.length) {
      problems.push({
        code: "LOG_TRUNCATED",
        item,
        message: `the checkpoint covers ${size} leaves but the log holds ${hashes.length}: leaves were removed`,
      });
      continue;
    }
    while (range.size < size) range = appendLeaf(range, hashes[range.size] as Buffer);
    if (rangeRoot(range).toString("base64") !== cp.root_hash) {
      problems.push({
        code: "CHECKPOINT_ROOT_MISMATCH",
        item,
        message: `the leaves #${previous}..#${size - 1} do not hash to the signed root: a leaf in that range was altered, replaced or removed`,
      });
    }
    previous = size;
  }
  if (!verifier) warnings.push("no log key given: checkpoint signatures were not checked");
  if (hashes.length > previous)
    warnings.push(`leaves #${previous}..#${hashes.length - 1} are not yet covered by a signed checkpoint`);

  // 3. Rows: the current content of every logged row against its latest leaf, and rows the log never saw.
  const byTable = new Map<string, { key: RowKey; data: LeafData; index: number }[]>();
  for (const s of state.values()) {
    const list = byTable.get(s.table);
    if (list) list.push(s);
    else byTable.set(s.table, [s]);
  }
  let rowsChecked = 0;
  for (const [table, entries] of byTable) {
    const keyColumns = Object.keys(entries[0]?.key ?? {});
    let current: Map<string, string>;
    try {
      current = await tableContentHashes(db, table, keyColumns);
    } catch {
      problems.push({
        code: "ROW_MISSING",
        item: table,
        message: `table ${table} cannot be read: it was dropped or altered`,
      });
      continue;
    }
    rowsChecked += current.size;
    const logged = new Set<string>();
    for (const e of entries) {
      const k = keyText(e.key);
      logged.add(k);
      const item = itemName(table, e.key);
      const now = current.get(k);
      if (e.data.action === "delete") {
        if (now !== undefined)
          problems.push({
            code: "ROW_RESURRECTED",
            item,
            message: `the row is present although leaf #${e.index} records its deletion`,
          });
      } else if (now === undefined) {
        problems.push({
          code: "ROW_MISSING",
          item,
          message: `the row was deleted behind the log's back (last logged in leaf #${e.index})`,
        });
      } else if (now !== e.data.content) {
        problems.push({
          code: "ROW_CHANGED",
          item,
          message: `the row or its derived rows changed behind the log's back (last logged in leaf #${e.index})`,
        });
      }
    }
    for (const k of current.keys()) {
      if (!logged.has(k)) {
        const key = JSON.parse(k) as RowKey;
        problems.push({
          code: "ROW_UNLOGGED",
          item: itemName(table, key),
          message: "the row was added behind the log's back (no leaf records it)",
        });
      }
    }
  }
  return {
    ok: problems.length === 0,
    leaves: leaves.length,
    checkpoints: checkpoints.length,
    rowsChecked,
    signaturesChecked: verifier !== undefined,
    problems,
    warnings,
  };
}
