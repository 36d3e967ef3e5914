// The desk's ledger writes go through the API's versioned writer, on SQLite and (with TOCSIN_TEST_PG) PostgreSQL:
// an issued warning and an answer's Response each get a version, a write-journal row, a log leaf and an audit
// event, and the log verifies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueWarning, submitAnswer, tokenOf } from "../../src/desk/index.js";
import { findAnswerTokenFor } from "../../src/desk/answer-lookup.js";
import { loadCase, type Store } from "../../src/storage/index.js";

import { verifyLog } from "../../src/storage/log/log-verify.js";
import { currentRow, writeRecord } from "../../src/storage/writes/index.js";
import { syntheticBundle } from "../storage/fixtures.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { CASE_ID, DESK_KEY, movableClock } from "./desk-fixture.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[desk ledger] TOCSIN_TEST_PG is unset: the PostgreSQL run is SKIPPED");
const targets: [string, () => StoreTarget][] = [
  ["sqlite", sqliteTarget],
  ...(PG ? [["postgres", () => postgresTarget(PG)] as [string, () => StoreTarget]] : []),
];

describe.each(targets)("desk ledger writes on %s", (_name, makeTarget) => {
  let target: StoreTarget;
  let store: Store;
  const time = movableClock("2031-03-02T10:00:00.000Z");

  beforeAll(async () => {
    target = makeTarget();
    store = await target.open(await target.fresh());
    await loadCase(store, syntheticBundle());
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await target?.cleanup();
  });

  const journalOf = (kind: string, id: string) =>
    store.db
      .selectFrom("record_writes")
      .selectAll()
      .where("record_kind", "=", kind)
      .where("record_id", "=", id)
      .execute();
  const leavesOf = async (table: string, id: string) =>
    (await store.db.selectFrom("log_leaves").selectAll().where("table_name", "=", table).execute())
      .filter((l) => l.record_key.includes(id))
      .map((l) => l.action);

  it("gives an issued warning and an answer's Response a version, a journal row, a log leaf and an audit event", async () => {
    const issued = await issueWarning(
      {
        caseId: CASE_ID,
        id: "w-ledger",
        sender: "un-hq",
        recipients: ["un-mission"],
        summary: "Arms caches are being distributed",
        requestedActions: [{ id: "a1", kind: "seize-arms", description: "Seize them", dueAt: "2031-03-05" }],
      },
      { store, clock: time.clock, deskKey: DESK_KEY, actor: "analyst-1" },
    );
    expect(issued?.unreachable).toEqual(["un-mission"]);
    const warningJournal = await journalOf("warning", "w-ledger");
    expect(warningJournal).toMatchObject([
      { op: "create", actor: "analyst-1", at: "2031-03-02T10:00:00.000Z" },
    ]);
    expect(warningJournal[0]!.version).toBe(
      (await currentRow(store.db, CASE_ID, "warning", "w-ledger"))!.version,
    );
    expect(await leavesOf("warnings", "w-ledger")).toEqual(["create"]);

    time.advance(3_600_000);
    const row = await findAnswerTokenFor(store, CASE_ID, "w-ledger", "un-mission");
    const token = tokenOf(DESK_KEY, row!.nonce);
    const answered = await submitAnswer({ store, clock: time.clock }, token, {
      choice: { kind: "refuse", reason: "resources" },
      action: "a1",
      warning: "w-ledger",
    });
    expect(answered.ok).toBe(true);
    const id = answered.ok ? answered.response.id : "";
    const journal = await journalOf("response", id);
    expect(journal).toMatchObject([
      { op: "create", actor: "answer:un-mission", at: "2031-03-02T11:00:00.000Z" },
    ]);
    const current = await currentRow(store.db, CASE_ID, "response", id);
    expect(current?.version).toMatch(/^[0-9a-f]{20}$/);
    expect(journal[0]!.version).toBe(current!.version);
    expect(await leavesOf("responses", id)).toEqual(["response"]);
    const audits = await store.db
      .selectFrom("audit_events")
      .select(["actor", "target"])
      .where("action", "=", "record.create")
      .execute();
    expect(audits).toEqual(
      expect.arrayContaining([
        { actor: "analyst-1", target: `${CASE_ID}/warning/w-ledger` },
        { actor: "answer:un-mission", target: `${CASE_ID}/response/${id}` },
      ]),
    );

    // The token is spent in the same transaction: a second answer is refused and writes nothing.
    const before = (await store.db.selectFrom("record_writes").selectAll().execute()).length;
    expect(
      await submitAnswer({ store, clock: time.clock }, token, { choice: { kind: "acknowledge" } }),
    ).toEqual({
      ok: false,
      reason: "used",
    });
    expect((await store.db.selectFrom("record_writes").selectAll().execute()).length).toBe(before);
    expect((await verifyLog(store.db)).ok).toBe(true);
  });

  it("checks the warning again once the case is locked: a recipient gone since the first check refuses it", async () => {
    const writesBefore = (await store.db.selectFrom("record_writes").selectAll().execute()).length;
    const warning = {
      caseId: CASE_ID,
      id: "w-recipient-gone",
      sender: "un-hq",
      recipients: ["un-mission"],
      summary: "A warning whose recipient is deleted while it is being issued",
    };
    // The guard runs first in the write's transaction: it stands for another writer whose delete of the recipient
    // committed after issueWarning's first check and before this transaction took the case's lock.
    const issuing = issueWarning(
      warning,
      { store, clock: time.clock, deskKey: DESK_KEY, actor: "analyst-1" },
      undefined,
      async (trx) => {
        await trx
          .deleteFrom("actors")
          .where("case_id", "=", CASE_ID)
          .where("id", "=", "un-mission")
          .execute();
        return true;
      },
    );
    await expect(issuing).rejects.toMatchObject({ code: "DESK_INVALID" });
    await expect(issuing).rejects.toThrow(/recipients\[0\]: no actor "un-mission"/);
    // Nothing was written, the guard's delete included (one transaction).
    expect((await store.db.selectFrom("record_writes").selectAll().execute()).length).toBe(writesBefore);
    expect(await currentRow(store.db, CASE_ID, "warning", "w-recipient-gone")).toBeUndefined();
    expect(await currentRow(store.db, CASE_ID, "actor", "un-mission")).toBeDefined();
  });

  it("refuses an answer to a warning deleted since it was issued, and leaves its token unspent", async () => {
    await issueWarning(
      {
        caseId: CASE_ID,
        id: "w-withdrawn",
        sender: "un-hq",
        recipients: ["un-mission"],
        summary: "A warning withdrawn before its recipient answers",
      },
      { store, clock: time.clock, deskKey: DESK_KEY, actor: "analyst-1" },
    );
    const version = (await currentRow(store.db, CASE_ID, "warning", "w-withdrawn"))!.version;
    await writeRecord(store, {
      caseId: CASE_ID,
      kind: "warning",
      id: "w-withdrawn",
      op: "delete",
      expectedVersion: version,
      actor: "analyst-1",
      at: time.clock().toISOString(),
    });
    const row = await findAnswerTokenFor(store, CASE_ID, "w-withdrawn", "un-mission");
    const writesBefore = (await store.db.selectFrom("record_writes").selectAll().execute()).length;
    const answered = await submitAnswer({ store, clock: time.clock }, tokenOf(DESK_KEY, row!.nonce), {
      choice: { kind: "acknowledge" },
    });
    expect(answered).toEqual({ ok: false, reason: "withdrawn" });
    expect((await store.db.selectFrom("record_writes").selectAll().execute()).length).toBe(writesBefore);
    expect((await findAnswerTokenFor(store, CASE_ID, "w-withdrawn", "un-mission"))?.used_at).toBeNull();
    const refusals = await store.db
      .selectFrom("audit_events")
      .select(["action", "outcome", "target"])
      .where("target", "=", `${CASE_ID}/w-withdrawn/un-mission`)
      .execute();
    expect(refusals).toEqual([
      { action: "answer.token", outcome: "denied", target: `${CASE_ID}/w-withdrawn/un-mission` },
    ]);
  });
});
