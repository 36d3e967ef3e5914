import { describe, expect, it } from "vitest";
import { VersionReader } from "./version-reader.js";

/** A read whose answers the test releases one by one. */
function manualReads() {
  const pending: ((v: number) => void)[] = [];
  let started = 0;
  const read = () =>
    new Promise<number>((resolve) => {
      started += 1;
      pending.push(resolve);
    });
  return { read, started: () => started, release: (v: number) => pending.shift()?.(v) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("VersionReader", () => {
  it("a lone call starts one read and gets its value", async () => {
    const m = manualReads();
    const r = new VersionReader(m.read);
    const v = r.current();
    m.release(7);
    expect(await v).toBe(7);
    expect(m.started()).toBe(1);
  });

  it("calls made while a read runs share one read started after it, never the running one", async () => {
    const m = manualReads();
    const r = new VersionReader(m.read);
    const first = r.current();
    const second = r.current();
    const third = r.current();
    expect(m.started()).toBe(1);
    m.release(1); // the value a write committed after the first read began would not be in
    expect(await first).toBe(1);
    await tick();
    expect(m.started()).toBe(2);
    m.release(2);
    expect([await second, await third]).toEqual([2, 2]);
    expect(m.started()).toBe(2);
  });

  it("a failed read fails its callers and the next call reads again", async () => {
    let n = 0;
    const r = new VersionReader(async () => {
      n += 1;
      if (n === 1) throw new Error("store unreachable");
      return n;
    });
    await expect(r.current()).rejects.toThrow("store unreachable");
    expect(await r.current()).toBe(2);
  });

  it("with a change mark, reads once while the mark stays and again once it moves", async () => {
    let reads = 0;
    let mark = "m1";
    let value = 10;
    const r = new VersionReader(
      async () => {
        reads += 1;
        return value;
      },
      () => mark,
    );
    expect(await r.current()).toBe(10);
    expect([await r.current(), await r.current()]).toEqual([10, 10]);
    expect(reads).toBe(1);
    value = 11;
    mark = "m2"; // a commit
    expect(await r.current()).toBe(11);
    expect(reads).toBe(2);
  });

  it("a value whose mark moved while it was read is not kept", async () => {
    const m = manualReads();
    let mark = "m1";
    const r = new VersionReader(m.read, () => mark);
    const first = r.current();
    mark = "m2"; // committed during the read: the value may predate it
    m.release(1);
    expect(await first).toBe(1);
    const second = r.current();
    expect(m.started()).toBe(2);
    m.release(2);
    expect(await second).toBe(2);
    expect(await r.current()).toBe(2);
    expect(m.started()).toBe(2);
  });

  it("without a mark (undefined), reads every time", async () => {
    let reads = 0;
    const r = new VersionReader(
      async () => (reads += 1),
      () => undefined,
    );
    await r.current();
    await r.current();
    expect(reads).toBe(2);
  });

  it("reads synchronously when it can, and through the store when it cannot", async () => {
    const m = manualReads();
    let mark = "m1";
    let now: number | undefined = 5;
    const r = new VersionReader(
      m.read,
      () => mark,
      () => now,
    );
    expect(await r.current()).toBe(5);
    expect(m.started()).toBe(0);
    mark = "m2";
    now = undefined; // e.g. a transaction is open
    const v = r.current();
    expect(m.started()).toBe(1);
    m.release(6);
    expect(await v).toBe(6);
    expect(await r.current()).toBe(6);
    expect(m.started()).toBe(1);
  });
});
