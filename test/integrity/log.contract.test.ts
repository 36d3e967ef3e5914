// The tamper-evident log on both stores (SQLite; PostgreSQL with TOCSIN_TEST_PG): log a load, checkpoint,
// verify clean, then edit rows and leaves with plain SQL behind the application's back and see each named.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { RECORD_KINDS } from "../../src/domain/index.js";
import { signerFromSeed } from "../../src/integrity/signed-note.js";
import { loadCase } from "../../src/storage/index.js";
import {
  checkpointLog,
  logCaseLoad,
  logConsistency,
  logReceipt,
  findLeaf,
  verifyLog,
} from "../../src/storage/log/index.js";
import { verifyReceipt } from "../../src/integrity/receipt.js";
import { syntheticBundle } from "../storage/fixtures.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[integrity/log.contract] TOCSIN_TEST_PG is unset: the PostgreSQL half is SKIPPED");
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 11));

afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

describe.each(targets)("tamper-evident log on $name", (target) => {
  it("verifies clean, then names every direct edit of rows and leaves", async () => {
    const store = await target.open(await target.fresh());
    try {
      const bundle = syntheticBundle();
      const caseId = bundle.manifest.id;
      await loadCase(store, bundle);
      await store.db.transaction().execute((trx) =>
        logCaseLoad(
          trx,
          caseId,
          "inserted",
          RECORD_KINDS.map((kind) => ({ kind, insert: bundle.records[kind], update: [], remove: [] })),
          "test",
        ),
      );
      const first = await checkpointLog(store.db, signer, signer.name);
      expect((await verifyLog(store.db, signer)).problems).toEqual([]);

      // A second batch (an update of one record), a second checkpoint, and a consistency proof between them.
      const actor = bundle.records.actor[0]!;
      await store.db
        .transaction()
        .execute((trx) =>
          logCaseLoad(trx, caseId, "unchanged", [{ kind: "actor", insert: [], update: [actor], remove: [] }]),
        );
      const second = await checkpointLog(store.db, signer, signer.name);
      expect(Number(second?.tree_size)).toBe(Number(first?.tree_size) + 1);
      expect(
        (await logConsistency(store.db, Number(first?.tree_size), Number(second?.tree_size))).proof.length,
      ).toBeGreaterThan(0);
      const receipt = await logReceipt(store.db, signer, await findLeaf(store.db, actor.id));
      expect(verifyReceipt(receipt)).toEqual([]);
      expect(receipt.leafIndex).toBe(Number(first?.tree_size));

      const incident = bundle.records.incident[0]!;
      const statement = bundle.records.statement[0]!;
      await sql`UPDATE incidents SET label = 'forged' WHERE case_id = ${caseId} AND id = ${incident.id}`.execute(
        store.db,
      );
      await sql`DELETE FROM statements WHERE case_id = ${caseId} AND id = ${statement.id}`.execute(store.db);
      await sql`UPDATE source_identities SET value = 'swapped' WHERE source_id = 'src-informant' AND field = 'contact'`.execute(
        store.db,
      );
      await sql`UPDATE log_leaves SET logged_at = '1999-01-01T00:00:00.000Z' WHERE leaf_index = 2`.execute(
        store.db,
      );
      const report = await verifyLog(store.db, signer);
      expect(report.problems.map((p) => `${p.code} ${p.item}`).sort()).toEqual(
        [
          "LEAF_ALTERED log leaf #2",
          `ROW_CHANGED incidents:${caseId}/${incident.id}`,
          `ROW_CHANGED sources:${caseId}/src-informant`,
          `ROW_MISSING statements:${caseId}/${statement.id}`,
        ].sort(),
      );
    } finally {
      await store.close();
    }
  });
});
