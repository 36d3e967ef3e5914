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
});
