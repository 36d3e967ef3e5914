// Signing a checkpoint reads the log's leaves a page at a time (an import of a million records adds a million
// leaves): over more leaves than one page, the signed root is the Merkle root of every leaf, and verify is clean.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendLeaf, EMPTY_RANGE, rangeRoot } from "../../src/integrity/compact-range.js";
import { signerFromSeed } from "../../src/integrity/signed-note.js";
import { appendToLog, checkpointLog } from "../../src/storage/log/index.js";

import { openTestStore } from "../storage/store-targets.js";

const dir = mkdtempSync(join(tmpdir(), "tocsin-checkpoint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 3));

describe("checkpointLog over more leaves than a page", () => {
  it("signs the root of every leaf", async () => {
    const store = await openTestStore(join(dir, "s.db"));
    try {
      const entries = Array.from({ length: 23_456 }, (_, i) => ({
        action: "delete" as const,
        table: "incidents",
        key: { case_id: "c", id: `i${i}` },
        at: "2026-01-01T00:00:00Z",
      }));
      await store.db.transaction().execute((trx) => appendToLog(trx, entries));
      const first = await checkpointLog(store.db, signer, signer.name);
      const leaves = await store.db
        .selectFrom("log_leaves")
        .select("leaf_hash")
        .orderBy("leaf_index")
        .execute();
      const whole = leaves.reduce((r, l) => appendLeaf(r, Buffer.from(l.leaf_hash, "base64")), EMPTY_RANGE);
      expect(Number(first?.tree_size)).toBe(23_456);
      expect(first?.root_hash).toBe(rangeRoot(whole).toString("base64"));
      // Nothing new: the same checkpoint.
      expect((await checkpointLog(store.db, signer, signer.name))?.tree_size).toBe(first?.tree_size);
    } finally {
      await store.close();
    }
  }, 120_000);
});
