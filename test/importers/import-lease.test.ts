// The lease of a running import, against both stores: a live holder stops a second run before it reads anything,
// an expired holder (another host gone silent) or a dead one (this host, process gone) is taken over, `wait`
// waits for the holder, a run that lost its lease writes nothing more and leaves the batch alone, and a run that
// ends leaves no lease behind.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exitCodeOf, ImportError, importFile } from "../../src/importers/index.js";
import { RunLease } from "../../src/importers/pipeline/run-lease.js";
import { StoreError, type Store } from "../../src/storage/index.js";
import { postgresTarget, sqliteTarget, type StoreTarget } from "../storage/store-targets.js";
import { clock, incidentLine, tempDir } from "./helpers.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG)
  console.warn(
    "[importers/import-lease] TOCSIN_TEST_PG is unset: the PostgreSQL half of this suite is SKIPPED",
  );
const targets: StoreTarget[] = [sqliteTarget(), ...(PG ? [postgresTarget(PG)] : [])];
afterAll(async () => {
  for (const t of targets) await t.cleanup();
});

/** A Tocsin JSON-lines file of `n` incidents, and the lease key of its import into `import-tocsin`. */
function eventsFile(n: number, prefix = "inc") {
  const text = `${Array.from({ length: n }, (_, i) => incidentLine(`${prefix}-${i}`)).join("\n")}\n`;
  const file = join(tempDir(), "events.jsonl");
  writeFileSync(file, text);
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { file, key: { caseId: "import-tocsin", format: "tocsin", sha256 } };
}

/** Put a lease row in place as another run would have. */
async function holdLease(
  store: Store,
  key: { caseId: string; format: string; sha256: string },
  holder: { host: string; pid: number; expiresAt: string; owner?: string },
): Promise<void> {
  await store.db
    .insertInto("import_leases")
    .values({
      case_id: key.caseId,
      format: key.format,
      file_sha256: key.sha256,
      owner: holder.owner ?? `${holder.host}:${holder.pid}:other`,
      host: holder.host,
      pid: holder.pid,
      file_name: "events.jsonl",
      started_at: "2026-01-15T11:59:00.000Z",
      expires_at: holder.expiresAt,
    })
    .execute();
}

const leases = (store: Store) => store.db.selectFrom("import_leases").selectAll().execute();
const incidents = async (store: Store) =>
  Number(
    (
      await store.db
        .selectFrom("incidents")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "0"]);
  return r.pid as number;
}

for (const target of targets) {
  describe(`the import lease (${target.name})`, () => {
    const open = async () => {
      const location = await target.fresh();
      return { store: await target.open(location), location };
    };

    it("a live run on another host stops a second run before anything is read or written", async () => {
      const { store, location } = await open();
      const { file, key } = eventsFile(3);
      try {
        await holdLease(store, key, {
          host: "elsewhere.example",
          pid: 4242,
          expiresAt: "2026-01-15T12:01:00.000Z",
        });
        const before = await target.writeStamp(location);
        const thrown = await importFile(store, { format: "tocsin", file, clock }).catch((e: unknown) => e);
        expect(thrown).toBeInstanceOf(ImportError);
        expect(thrown).toMatchObject({ code: "IMPORT_RUNNING" });
        expect((thrown as Error).message).toContain(
          `an import of ${file} (tocsin, SHA-256 ${key.sha256.slice(0, 12)}…) into case import-tocsin is running ` +
            "(events.jsonl, process 4242 on elsewhere.example, since 2026-01-15T11:59:00.000Z): nothing was written",
        );
        expect(await target.writeStamp(location)).toBe(before);
        expect(await incidents(store)).toBe(0);
      } finally {
        await store.close();
      }
    });

    it("takes over an expired lease (a holder on another host gone silent) and one of this host whose process is gone", async () => {
      const { store } = await open();
      try {
        const expired = eventsFile(3, "expired");
        await holdLease(store, expired.key, {
          host: "elsewhere.example",
          pid: 4242,
          expiresAt: "2026-01-15T11:59:59.999Z",
        });
        const r1 = await importFile(store, { format: "tocsin", file: expired.file, clock });
        expect([r1.imported, exitCodeOf(r1)]).toEqual([3, 0]);

        const dead = eventsFile(4, "dead");
        await holdLease(store, dead.key, {
          host: hostname(),
          pid: deadPid(),
          expiresAt: "2026-01-15T13:00:00.000Z",
        });
        const r2 = await importFile(store, { format: "tocsin", file: dead.file, clock });
        expect([r2.imported, exitCodeOf(r2)]).toEqual([4, 0]);
        // Nothing left behind by a run that ended.
        expect(await leases(store)).toEqual([]);
        // This host, this process, but no run of it holds the lease: also over.
        const orphan = eventsFile(5, "orphan");
        await holdLease(store, orphan.key, {
          host: hostname(),
          pid: process.pid,
          owner: "a run of this process that ended without releasing",
          expiresAt: "2026-01-15T13:00:00.000Z",
        });
        expect((await importFile(store, { format: "tocsin", file: orphan.file, clock })).imported).toBe(5);
      } finally {
        await store.close();
      }
    });

    it("with wait, waits for the holder (told once) and imports after it let go; aborted, it writes nothing (exit 1)", async () => {
      const { store, location } = await open();
      const { file, key } = eventsFile(3);
      try {
        await holdLease(store, key, {
          host: "elsewhere.example",
          pid: 4242,
          expiresAt: "2026-01-15T12:01:00.000Z",
        });
        const told: string[] = [];
        const report = await importFile(store, {
          format: "tocsin",
          file,
          clock,
          wait: true,
          onWaiting: (m) => {
            told.push(m);
            // The holder finishes while this run waits.
            setTimeout(() => void store.db.deleteFrom("import_leases").execute(), 700);
          },
        });
        expect(told).toEqual([
          `waiting for the import of ${file} into case import-tocsin to finish ` +
            "(events.jsonl, process 4242 on elsewhere.example, since 2026-01-15T11:59:00.000Z)",
        ]);
        expect([report.imported, exitCodeOf(report)]).toEqual([3, 0]);

        const next = eventsFile(2, "next");
        await holdLease(store, next.key, {
          host: "elsewhere.example",
          pid: 4242,
          expiresAt: "2026-01-15T12:01:00.000Z",
        });
        const before = await target.writeStamp(location);
        const abort = new AbortController();
        const stopped = await importFile(store, {
          format: "tocsin",
          file: next.file,
          clock,
          wait: true,
          signal: abort.signal,
          onWaiting: () => setTimeout(() => abort.abort(), 100),
        });
        expect([stopped.fileError?.code, stopped.written, exitCodeOf(stopped)]).toEqual([
          "IMPORT_INTERRUPTED",
          false,
          1,
        ]);
        expect(await target.writeStamp(location)).toBe(before);
      } finally {
        await store.close();
      }
    });

    it("a run that lost its lease writes nothing more and leaves the batch to the new holder", async () => {
      const { store } = await open();
      const { file, key } = eventsFile(200);
      try {
        let stolen = false;
        const thrown = await importFile(store, {
          format: "tocsin",
          file,
          clock,
          batchSize: 2,
          // After the first commit another run takes the lease over (as after this run was paused past it).
          onCommitted: () => {
            if (stolen) return;
            stolen = true;
            void store.db
              .updateTable("import_leases")
              .set({ owner: "another run", host: "elsewhere.example" })
              .execute();
          },
        }).catch((e: unknown) => e);
        expect(thrown).toBeInstanceOf(StoreError);
        expect(thrown).toMatchObject({ code: "STORE_LEASE_LOST" });
        // The batches committed before the theft landed, and not one row more; the batch is left running (the new
        // holder's), not marked interrupted by the run that lost it.
        const written = await incidents(store);
        expect(written).toBeGreaterThanOrEqual(2);
        expect(written).toBeLessThan(200);
        const batch = await store.db
          .selectFrom("import_batches")
          .select(["status", "last_line"])
          .executeTakeFirstOrThrow();
        expect([batch.status, Number(batch.last_line)]).toEqual(["running", written]);
        expect((await leases(store)).map((l) => [l.owner, l.file_sha256])).toEqual([
          ["another run", key.sha256],
        ]);
      } finally {
        await store.close();
      }
    });

    it("checks, once it holds the lease, that no other run committed since it read its resume point", async () => {
      const { store } = await open();
      const { file, key } = eventsFile(1);
      try {
        const lease = new RunLease(store, file, "events.jsonl", key, clock);
        const thrown = await lease.acquire(async () => "batch-1@4", "batch-1@2").catch((e: unknown) => e);
        expect(thrown).toMatchObject({ code: "IMPORT_RUNNING" });
        expect((thrown as Error).message).toContain("committed while this one started: nothing was written");
        expect([lease.held, await leases(store)]).toEqual([false, []]);
        await lease.acquire(async () => "", "");
        expect(lease.held).toBe(true);
        await lease.release();
        expect(await leases(store)).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });
}
