/**
 * Writes to one case from this process, one at a time, queued before they take a connection. The case's lock
 * (write-record.ts `lockCase`) already orders them, in every process; but a transaction waiting for that lock
 * holds one of the pool's few connections while it waits (PostgreSQL), so twenty analysts posting into one case
 * would hold all of them and leave none for reads (the live assessment's among them). Queued here, at most one
 * transaction per case and process waits on the lock; the others wait in memory.
 * @module
 */

/** Per store (by identity): case id → the tail of its queue. */
const tails = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Run `write` after every earlier write to `caseId` on `store` from this process has settled; its result.
 * @example await inCaseOrder(store, "c1", () => store.db.transaction().execute(...))
 */
export function inCaseOrder<T>(store: object, caseId: string, write: () => Promise<T>): Promise<T> {
  let queues = tails.get(store);
  if (!queues) tails.set(store, (queues = new Map()));
  const before = queues.get(caseId) ?? Promise.resolve();
  const run = before.then(write, write);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(caseId, tail);
  // The last write out empties the entry, so a store's map holds only cases being written.
  void tail.then(() => {
    if (queues.get(caseId) === tail) queues.delete(caseId);
  });
  return run;
}

/** How many cases of `store` have writes queued or running (for tests). */
export function casesInWrite(store: object): number {
  return tails.get(store)?.size ?? 0;
}
